import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { billingModule } from '../../../domains/billing';
import { defineDomainModule, EventEnvelope, OnEvent, UnitOfWork } from '../../../lib/kit';

/**
 * Run by the worker processes of the fault suite (through effects.config.js), never by the test process. Each handled event inserts one row into `fault_effects`
 * (no unique key), in the handler's transaction: a duplicated effect shows as a second row.
 * WFE_FAULT_HANDLER_DELAY_MS slows every handler down, to kill a worker in the middle of a batch.
 */
@injectable()
export class FaultEffectHandler {
  constructor(private readonly uow: UnitOfWork) {}

  @OnEvent('INVOICE_GENERATED')
  onGenerated(_payload: unknown, envelope: EventEnvelope): Promise<void> {
    return this.record(envelope);
  }

  @OnEvent('INVOICE_FINALIZED')
  onFinalized(_payload: unknown, envelope: EventEnvelope): Promise<void> {
    return this.record(envelope);
  }

  private async record(envelope: EventEnvelope): Promise<void> {
    const delay = Number(process.env.WFE_FAULT_HANDLER_DELAY_MS || 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    await this.uow.db('fault_effects').insert({ event_id: envelope.id, event_type: envelope.eventType, worker_pid: process.pid });
  }
}

export const faultEffectsModule = defineDomainModule({ name: 'fault-effects', category: 'Testing', dependsOn: [billingModule], handlers: [FaultEffectHandler] });
