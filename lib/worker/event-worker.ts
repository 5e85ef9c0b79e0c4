import { EventEmitter } from 'node:events';
import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from '../bus/event-bus';
import { fromWireFields, WireFormatError } from '../bus/wire';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
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
    private readonly db: Knex,
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
    try {
      if (!(await this.record(envelope, entry.id))) {
        this.emit('duplicate', envelope, entry.id);
        return ack;
      }
      await this.handlers.run(envelope);
      await this.db('workflow_runtime_events').where({ event_id: envelope.id }).update({ status: 'processed', error_message: null });
    } catch (err) {
      const message = (err as Error).message;
      await this.db('workflow_runtime_events').where({ event_id: envelope.id }).update({ status: 'failed', error_message: message.slice(0, 2000) }).catch(() => undefined);
      return retry('HANDLER_FAILED', message);
    }
    this.emit('ingested', envelope, entry.id);
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

  /**
   * Records the event; false when this id was already fully processed (a duplicate: no-op).
   * An id recorded but not processed (crash, failed handler) goes on to its handlers again,
   * whose receipts keep the re-run harmless.
   */
  private async record(envelope: EventEnvelope, streamId: string): Promise<boolean> {
    await this.db('workflow_runtime_events')
      .insert({
        event_id: envelope.id,
        tenant: envelope.tenantId,
        event_type: envelope.eventType,
        payload_schema_ref: envelope.schemaRef,
        payload: JSON.stringify(envelope.payload),
        stream_id: streamId,
        received_at: new Date(),
        status: 'received',
      })
      .onConflict('event_id')
      .ignore();
    const row = await this.db('workflow_runtime_events').where({ event_id: envelope.id }).first('status');
    return row.status !== 'processed';
  }
}
