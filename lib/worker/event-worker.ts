import { EventEmitter } from 'node:events';
import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from '../bus/event-bus';
import { fromWireFields, WireFormatError } from '../bus/wire';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { UnitOfWork } from '../uow/unit-of-work';
import { canonicalDateTime, canonicalUuid } from '../emission/canonical-form';
import { readJson } from '../uow/database';
import { HandlerRunner } from './handler-runner';
import { isInfrastructureError } from './infrastructure-error';
import { ack, deadLetter, defer, retry } from './ingest-outcome';
import { OutageTracker } from './outage-tracker';

export interface WorkerOptions extends SubscribeOptions {
  group?: string;
}

export const DEFAULT_GROUP = 'workflow-runtime-v2';

/**
 * Ingests stream entries for the workflow runtime: validate envelope and payload against the
 * registry, record once in `workflow_runtime_events`, run handlers once, then acknowledge.
 * Emits `ingested` / `duplicate` (envelope), `dead-lettered` (entry, outcome) for every dead letter
 * the bus wrote, and `outage` (error) / `recovered` ({ downMs, deferred }) once per infrastructure
 * outage, for observers, logs and tests.
 */
export class EventWorker extends EventEmitter {
  private subscription?: Subscription;
  /** Emits `outage` (error) once when infrastructure failures start and `recovered` once they end. */
  private readonly outage = new OutageTracker(this);

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
    this.subscription = this.bus.subscribe(this.options.group ?? DEFAULT_GROUP, (e) => this.process(e), {
      ...this.options,
      // Every dead letter, whichever path decided it (at once, or after maxDeliveries), is reported.
      onDeadLettered: (entry, reason) => {
        this.options.onDeadLettered?.(entry, reason);
        this.emit('dead-lettered', entry, { kind: 'dead-letter', reason });
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async process(entry: StreamEntry): Promise<EntryOutcome> {
    const checked = this.check(entry);
    if ('kind' in checked) return checked;
    const envelope = checked.envelope;
    let outcome: EntryOutcome;
    let duplicate = false;
    try {
      const result = await this.ingest(envelope, entry.id);
      this.outage.succeeded();
      if (result !== 'ingested' && result !== 'duplicate') outcome = result;
      else {
        duplicate = result === 'duplicate';
        outcome = ack;
      }
    } catch (err) {
      const message = (err as Error).message;
      // The database (or whatever a handler needed) is unreachable: not this entry's fault.
      if (isInfrastructureError(err)) {
        this.outage.failed(err as Error);
        return defer('INFRASTRUCTURE_UNAVAILABLE', message);
      }
      this.outage.succeeded();
      await this.recordFailure(envelope, entry.id, message).catch(() => undefined);
      return retry('HANDLER_FAILED', message);
    }
    if (outcome.kind === 'ack') this.emit(duplicate ? 'duplicate' : 'ingested', envelope, entry.id);
    return outcome;
  }

  /**
   * Record (autocommitted), then each handler without a receipt in a transaction of its own, then
   * the status. A handler that failed leaves the event `failed` for a retry that runs only the
   * handlers still without a receipt. Infrastructure errors propagate (the caller defers).
   */
  private async ingest(envelope: EventEnvelope, streamId: string): Promise<'ingested' | 'duplicate' | EntryOutcome> {
    const db = this.uow.knex;
    const withHandlers = this.handlers.handlersFor(envelope.eventType).length > 0;
    if (!(await this.record(db, envelope, streamId, withHandlers ? 'received' : 'processed'))) {
      const existing = await db('workflow_runtime_events').where({ event_id: envelope.id }).first();
      const conflict = existing && conflictWith(existing, envelope);
      if (conflict) return deadLetter('EVENT_ID_CONFLICT', `event id ${envelope.id} is already recorded with a different ${conflict}`);
      if (existing?.status === 'processed') return 'duplicate';
      // A record left `failed` or `received` by an earlier attempt: finish what it did not.
    }
    if (withHandlers) {
      const failures = await this.handlers.run(envelope);
      const infrastructure = failures.find((f) => isInfrastructureError(f.error));
      if (infrastructure) throw infrastructure.error;
      if (failures.length) {
        const message = failures.map((f) => `${f.handler}: ${f.error.message}`).join('; ');
        await this.recordFailure(envelope, streamId, message);
        return retry('HANDLER_FAILED', message);
      }
    }
    await this.markProcessed(db, envelope.id);
    return 'ingested';
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
    // Canonical forms: PostgreSQL folds the outbox's uuid column to lower case, JSON does not.
    if (canonicalUuid(String(envelope.payload.tenantId)) !== canonicalUuid(envelope.tenantId)) {
      return deadLetter('TENANT_MISMATCH', `envelope tenant ${envelope.tenantId} differs from payload tenantId ${String(envelope.payload.tenantId)}`);
    }
    if (canonicalDateTime(String(envelope.payload.occurredAt)) !== canonicalDateTime(envelope.occurredAt)) {
      return deadLetter('TIMESTAMP_MISMATCH', `envelope timestamp ${envelope.occurredAt} differs from payload occurredAt ${String(envelope.payload.occurredAt)}`);
    }
    return { envelope };
  }

  private async markProcessed(db: Knex | Knex.Transaction, eventId: string): Promise<void> {
    await db('workflow_runtime_events').where({ event_id: eventId }).whereNot({ status: 'processed' }).update({ status: 'processed', error_message: null });
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

  /** What failed, for operators (and `wfe_worker_pending`); the next delivery retries. */
  private async recordFailure(envelope: EventEnvelope, streamId: string, message: string): Promise<void> {
    await this.uow.knex('workflow_runtime_events')
      .where({ event_id: envelope.id })
      .whereNot({ status: 'processed' })
      .update({ status: 'failed', stream_id: streamId, error_message: message.slice(0, 2000) });
  }
}

/** Which part of a recorded event differs from a delivery with the same id, if any. */
function conflictWith(row: Record<string, any>, envelope: EventEnvelope): string | undefined {
  if (row.event_type !== envelope.eventType) return `event type (${row.event_type})`;
  if (row.payload_schema_ref !== envelope.schemaRef) return `schema ref (${row.payload_schema_ref})`;
  if (canonicalUuid(String(row.tenant)) !== canonicalUuid(envelope.tenantId)) return `tenant (${row.tenant})`;
  if (sortedJson(readJson(row.payload)) !== sortedJson(envelope.payload)) return 'payload';
  return undefined;
}

/** JSON with object keys sorted: jsonb reorders keys, which is not a difference. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}
