import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { DomainEvent, DomainPayload, OnEvent, UuidField } from '../../../decorators';
import { EventEnvelope } from '../../../lib/bus/envelope';
import { UnitOfWork } from '../../../lib/uow/unit-of-work';

/**
 * An event type that only the "fixed" worker knows: preloaded into a second worker to show a dead
 * letter (UNKNOWN_EVENT_TYPE) being replayed once its cause — an outdated consumer — is fixed.
 */
@DomainEvent({
  type: 'FAULT_LATE_EVENT',
  category: 'Testing',
  module: 'testing',
  name: 'Fault Late Event',
  description: 'Fault suite only: a type published before the worker was deployed with its schema.',
})
export class FaultLateEventPayload extends DomainPayload {
  @UuidField() probeId!: string;
}

@injectable()
export class FaultLateEventHandler {
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent('FAULT_LATE_EVENT')
  async on(_payload: unknown, envelope: EventEnvelope): Promise<void> {
    await this.uow.db('fault_effects').insert({ event_id: envelope.id, event_type: envelope.eventType, worker_pid: process.pid });
  }
}
