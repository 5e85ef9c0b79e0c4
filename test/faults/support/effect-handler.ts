import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { OnEvent } from '../../../decorators';
import { EventEnvelope } from '../../../lib/bus/envelope';
import { UnitOfWork } from '../../../lib/uow/unit-of-work';

/**
 * Preloaded into worker processes of the fault suite (`node -r …/effect-handler.js bin/wfe.js worker`),
 * never imported by the test process. Each handled event inserts one row into `fault_effects`
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
