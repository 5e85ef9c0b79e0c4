import { EventEmitter } from 'node:events';
import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from '../bus/event-bus';
import { fromWireFields, WireFormatError } from '../bus/wire';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { UnitOfWork } from '../uow/unit-of-work';
import { HandlerRunner } from './handler-runner';
import { ack, deadLetter, retry } from './ingest-outcome';

export interface WorkerOptions extends SubscribeOptions {
  group?: string;
}

export const DEFAULT_GROUP = 'workflow-runtime-v2';

/**
 * Ingests stream entries for the workflow runtime: validate envelope and payload against the
 * registry, record once in `workflow_runtime_events`, run handlers once, then acknowledge.
 * Emits `ingested` (envelope) and `dead-lettered` (entry, reason) for observers and tests.
 */
export class EventWorker extends EventEmitter {
  private subscription?: Subscription;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
    private readonly registry: SchemaRegistry,
    private readonly validator: Validator,
    private readonly handlers: HandlerRunner,
    private readonly options: WorkerOptions = {},
  ) {
    super();
  }

  start(): void {
    if (this.subscription) return;
    this.subscription = this.bus.subscribe(this.options.group ?? DEFAULT_GROUP, (e) => this.process(e), this.options);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async process(entry: StreamEntry): Promise<EntryOutcome> {
    const checked = this.check(entry);
    if ('kind' in checked) {
      this.emit('dead-lettered', entry, checked);
      return checked;
    }
    const envelope = checked.envelope;
    let duplicate = false;
    try {
      if (this.handlers.handlersFor(envelope.eventType).length === 0) {
        // Nothing else has to commit with the record: one autocommitted statement.
        duplicate = !(await this.record(this.uow.db, envelope, entry.id, 'processed')) && !(await this.markProcessed(this.uow.db, envelope.id));
      } else {
        // Record, handler effects and receipts, and the final status commit together: one
        // transaction per event, and a failure leaves nothing of the attempt behind.
        await this.uow.run(async (trx) => {
          if (!(await this.record(trx, envelope, entry.id, 'received'))) {
            duplicate = (await trx('workflow_runtime_events').where({ event_id: envelope.id }).first('status')).status === 'processed';
            if (duplicate) return;
          }
          await this.handlers.run(envelope);
          await this.markProcessed(trx, envelope.id);
        });
      }
    } catch (err) {
      const message = (err as Error).message;
      await this.recordFailure(envelope, entry.id, message).catch(() => undefined);
      return retry('HANDLER_FAILED', message);
    }
    this.emit(duplicate ? 'duplicate' : 'ingested', envelope, entry.id);
    return ack;
  }

  /** Everything that makes an entry permanently unprocessable. */
  private check(entry: StreamEntry): { envelope: EventEnvelope } | EntryOutcome {
    let envelope: EventEnvelope;
    try {
      envelope = fromWireFields(entry.fields);
    } catch (err) {
      return deadLetter((err as WireFormatError).code ?? 'BAD_ENVELOPE', (err as Error).message);
    }
    if (!this.registry.hasType(envelope.eventType)) return deadLetter('UNKNOWN_EVENT_TYPE', `unknown event type ${envelope.eventType}`);
    const def = this.registry.byRef(envelope.schemaRef);
    if (!def) return deadLetter('UNKNOWN_SCHEMA_REF', `unknown schema ref ${envelope.schemaRef}`);
    if (def.type !== envelope.eventType) return deadLetter('SCHEMA_REF_MISMATCH', `${envelope.schemaRef} is the schema of ${def.type}, not ${envelope.eventType}`);
    const result = this.validator.validate(envelope.schemaRef, envelope.payload);
    if (!result.ok) {
      return deadLetter('INVALID_PAYLOAD', result.issues.map((i) => `${i.field} [${i.constraint}] ${i.message}`).join('; '));
    }
    if (envelope.payload.tenantId !== envelope.tenantId) {
      return deadLetter('TENANT_MISMATCH', `envelope tenant ${envelope.tenantId} differs from payload tenantId ${String(envelope.payload.tenantId)}`);
    }
    return { envelope };
  }

  /** False when the event was already processed (nothing to update). */
  private async markProcessed(db: Knex | Knex.Transaction, eventId: string): Promise<boolean> {
    const updated = await db('workflow_runtime_events').where({ event_id: eventId }).whereNot({ status: 'processed' }).update({ status: 'processed', error_message: null });
    return updated > 0;
  }

  /** Inserts the event; false when its id is already recorded (by an earlier delivery). */
  private async record(db: Knex | Knex.Transaction, envelope: EventEnvelope, streamId: string, status: string, errorMessage?: string): Promise<boolean> {
    return insertIfAbsent(
      db,
      'workflow_runtime_events',
      {
        event_id: envelope.id,
        tenant: envelope.tenantId,
        event_type: envelope.eventType,
        payload_schema_ref: envelope.schemaRef,
        payload: JSON.stringify(envelope.payload),
        stream_id: streamId,
        received_at: new Date(),
        status,
        error_message: errorMessage ?? null,
      },
      ['event_id'],
    );
  }

  /** The attempt rolled back, so the failure is recorded on its own for operators to see. */
  private async recordFailure(envelope: EventEnvelope, streamId: string, message: string): Promise<void> {
    await this.uow.run(async (trx) => {
      const error = message.slice(0, 2000);
      if (!(await this.record(trx, envelope, streamId, 'failed', error))) {
        await trx('workflow_runtime_events').where({ event_id: envelope.id }).whereNot({ status: 'processed' }).update({ status: 'failed', error_message: error });
      }
    });
  }
}
