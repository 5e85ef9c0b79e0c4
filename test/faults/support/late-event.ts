import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { declareDomainModule, DomainPayload, EventEnvelope, OnEvent, UnitOfWork, UuidField } from '../../../lib/kit';

const lateEvents = declareDomainModule({ name: 'fault-late-event', category: 'Testing' });

/**
 * An event type that only the "fixed" worker knows: preloaded into a second worker to show a dead
 * letter (UNKNOWN_EVENT_TYPE) being replayed once its cause — an outdated consumer — is fixed.
 */
@lateEvents.event({
  type: 'FAULT_LATE_EVENT',
  name: 'Fault Late Event',
  description: 'Fault suite only: a type published before the worker was deployed with its schema.',
  status: 'catalog-only',
  rationale: 'Published onto the stream by the fault suite itself, not by a service of this runtime.',
})
export class FaultLateEventPayload extends DomainPayload {
  @UuidField() probeId!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    FAULT_LATE_EVENT: FaultLateEventPayload;
  }
}

@injectable()
export class FaultLateEventHandler {
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent('FAULT_LATE_EVENT')
  async on(_payload: unknown, envelope: EventEnvelope): Promise<void> {
    await this.uow.db('fault_effects').insert({ event_id: envelope.id, event_type: envelope.eventType, worker_pid: process.pid });
  }
}

export const lateEventModule = lateEvents.define({ handlers: [FaultLateEventHandler] });
