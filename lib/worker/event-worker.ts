import { EventEmitter } from 'node:events';
import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { BatchControl, EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from '../bus/event-bus';
import { orderingKeyOf } from '../outbox/ordering';
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
  /**
   * Redis batches: handlers of events with different ordering keys run side by side, up to this
   * many keys at a time (default: `concurrency` when given, else 4); the events of one key run one
   * after another, in stream order. 1 handles a read strictly in stream order.
   */
  keyLanes?: number;
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
  private subscriptions: Subscription[] = [];
  /** Emits `outage` (error) once when infrastructure failures start and `recovered` once they end. */
  private readonly outage = new OutageTracker(this);

  constructor(
    private readonly uow: UnitOfWork,
    /** One bus, or one per partition (each consumed exclusively when `exclusive` is set). */
    private readonly bus: EventBus | EventBus[],
    private readonly registry: SchemaRegistry,
    private readonly validator: Validator,
    private readonly handlers: HandlerRunner,
    private readonly options: WorkerOptions = {},
  ) {
    super();
  }

  start(): void {
    if (this.subscriptions.length) return;
    const buses = Array.isArray(this.bus) ? this.bus : [this.bus];
    this.subscriptions = buses.map((bus) => this.subscribe(bus));
  }

  private subscribe(bus: EventBus): Subscription {
    return bus.subscribe(this.options.group ?? DEFAULT_GROUP, (e) => this.process(e), {
      ...this.options,
      batchHandler: (entries, control) => this.processBatch(entries, control),
      // Every dead letter, whichever path decided it (at once, or after maxDeliveries), is reported.
      onDeadLettered: (entry, reason) => {
        this.options.onDeadLettered?.(entry, reason);
        this.emit('dead-lettered', entry, { kind: 'dead-letter', reason });
      },
    });
  }

  async stop(): Promise<void> {
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.stop()));
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
   * A whole read at once, with the guarantees of `process` entry by entry: every entry checked,
   * the valid ones recorded with one multi-row insert-if-absent, the ids already recorded read
   * with one query (duplicates acknowledged, conflicts dead-lettered, unfinished ones finished),
   * handlers run in stream order, each once and in its own transaction, and the finished events
   * marked processed with one update. Once the infrastructure fails, the entries not yet settled
   * are deferred together. Resolves with one outcome per entry, in order.
   */
  async processBatch(entries: StreamEntry[], control?: BatchControl): Promise<EntryOutcome[]> {
    const outcomes: EntryOutcome[] = new Array(entries.length);
    const valid: Array<{ i: number; envelope: EventEnvelope; key: string }> = [];
    const again: number[] = [];
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      const checked = this.check(entry);
      if ('kind' in checked) {
        outcomes[i] = checked;
        return;
      }
      const key = canonicalUuid(checked.envelope.id);
      // The same id twice in one read: the later copy goes through `process` once the first is settled.
      if (seen.has(key)) again.push(i);
      else {
        seen.add(key);
        valid.push({ i, envelope: checked.envelope, key });
      }
    });
    if (valid.length) await this.ingestBatch(entries, valid, outcomes, control);
    for (const i of again) outcomes[i] = await this.process(entries[i]);
    return outcomes;
  }

  private async ingestBatch(entries: StreamEntry[], valid: Array<{ i: number; envelope: EventEnvelope; key: string }>, outcomes: EntryOutcome[], control?: BatchControl): Promise<void> {
    const db = this.uow.knex;
    const deferRest = (from: number, err: Error) => {
      this.outage.failed(err);
      for (let k = from; k < valid.length; k++) if (!outcomes[valid[k].i]) outcomes[valid[k].i] = defer('INFRASTRUCTURE_UNAVAILABLE', err.message);
    };
    let halted = false;
    let inserted: Set<string>;
    let existing: Map<string, Record<string, any>>;
    try {
      inserted = await this.recordMany(db, valid.map((v) => ({ envelope: v.envelope, streamId: entries[v.i].id, withHandlers: this.handlers.handlersFor(v.envelope.eventType).length > 0 })));
      const others = valid.filter((v) => !inserted.has(v.key)).map((v) => v.envelope.id);
      existing = new Map();
      for (let k = 0; k < others.length; k += 500) {
        const rows = await db('workflow_runtime_events').whereIn('event_id', others.slice(k, k + 500));
        for (const r of rows) existing.set(canonicalUuid(String(r.event_id)), r);
      }
    } catch (err) {
      if (isInfrastructureError(err)) return deferRest(0, err as Error);
      // Not the infrastructure (e.g. a value the database refuses): entry by entry, so only the culprit fails.
      for (const v of valid) outcomes[v.i] = await this.process(entries[v.i]);
      return;
    }
    this.outage.succeeded();
    const processed: string[] = [];
    const events: Array<[string, EventEnvelope, string]> = [];
    /** Entries whose handlers run, grouped by ordering key, each group in stream order. */
    const lanes = new Map<string, number[]>();
    for (let k = 0; k < valid.length; k++) {
      const { i, envelope, key } = valid[k];
      const withHandlers = this.handlers.handlersFor(envelope.eventType).length > 0;
      if (!inserted.has(key)) {
        const row = existing.get(key);
        const conflict = row && conflictWith(row, envelope);
        if (conflict) {
          outcomes[i] = deadLetter('EVENT_ID_CONFLICT', `event id ${envelope.id} is already recorded with a different ${conflict}`);
          continue;
        }
        if (row?.status === 'processed') {
          outcomes[i] = ack;
          events.push(['duplicate', envelope, entries[i].id]);
          continue;
        }
        // A record left `failed` or `received` by an earlier attempt: finish what it did not.
        if (!withHandlers) processed.push(envelope.id);
      }
      if (withHandlers) {
        const lane = orderingKeyOf(envelope);
        lanes.set(lane, [...(lanes.get(lane) ?? []), k]);
        continue;
      }
      outcomes[i] = ack;
      events.push(['ingested', envelope, entries[i].id]);
    }
    const runLane = async (ks: number[]) => {
      for (let n = 0; n < ks.length; n++) {
        const { i, envelope } = valid[ks[n]];
        // An outage, a lease that may have passed on, or (exclusive) an earlier event of this key left pending: the rest waits.
        if (halted || (control && !control.owns())) {
          for (const k of ks.slice(n)) outcomes[valid[k].i] ??= defer('ORDER_HELD', 'not handled in this delivery: the consumer stopped or lost its partition lease');
          return;
        }
        let failures;
        try {
          failures = await this.handlers.run(envelope);
        } catch (err) {
          failures = [{ handler: '(runner)', error: err as Error }];
        }
        const infrastructure = failures.find((f) => isInfrastructureError(f.error));
        if (infrastructure) {
          halted = true;
          this.outage.failed(infrastructure.error);
          for (const k of ks.slice(n)) outcomes[valid[k].i] ??= defer('INFRASTRUCTURE_UNAVAILABLE', infrastructure.error.message);
          return;
        }
        if (failures.length) {
          const message = failures.map((f) => `${f.handler}: ${f.error.message}`).join('; ');
          await this.recordFailure(envelope, entries[i].id, message).catch(() => undefined);
          outcomes[i] = retry('HANDLER_FAILED', message);
          if (control?.exclusive) {
            // Per-key order: the later events of this key wait for this one's retry.
            for (const k of ks.slice(n + 1)) outcomes[valid[k].i] ??= defer('ORDER_HELD', `waits for event ${envelope.id} of the same ordering key`);
            return;
          }
          continue;
        }
        processed.push(envelope.id);
        outcomes[i] = ack;
        events.push(['ingested', envelope, entries[i].id]);
      }
    };
    const queue = [...lanes.values()];
    const width = Math.max(1, Math.min(this.options.keyLanes ?? this.options.concurrency ?? 4, queue.length));
    await Promise.all(
      Array.from({ length: width }, async () => {
        for (let lane = queue.shift(); lane; lane = queue.shift()) await runLane(lane);
      }),
    );
    try {
      for (let k = 0; k < processed.length; k += 500) {
        await db('workflow_runtime_events').whereIn('event_id', processed.slice(k, k + 500)).whereNot({ status: 'processed' }).update({ status: 'processed', error_message: null });
      }
    } catch (err) {
      // Handlers have their receipts: a redelivery only marks the record. Defer what was to be acknowledged.
      if (!isInfrastructureError(err)) throw err;
      this.outage.failed(err as Error);
      const pending = new Set(processed);
      for (const v of valid) if (pending.has(v.envelope.id) && outcomes[v.i]?.kind === 'ack') outcomes[v.i] = defer('INFRASTRUCTURE_UNAVAILABLE', (err as Error).message);
      return;
    }
    // In stream order, whichever lane finished first.
    const position = new Map(valid.map((v) => [v.envelope, v.i]));
    events.sort((a, b) => position.get(a[1])! - position.get(b[1])!);
    for (const [name, envelope, streamId] of events) this.emit(name, envelope, streamId);
  }

  /** One multi-row insert-if-absent; resolves with the (canonical) ids it wrote. */
  private async recordMany(db: Knex, rows: Array<{ envelope: EventEnvelope; streamId: string; withHandlers: boolean }>): Promise<Set<string>> {
    const written = new Set<string>();
    const now = new Date();
    for (let k = 0; k < rows.length; k += 500) {
      const chunk = rows.slice(k, k + 500).map(({ envelope, streamId, withHandlers }) => ({
        event_id: envelope.id,
        tenant: envelope.tenantId,
        event_type: envelope.eventType,
        payload_schema_ref: envelope.schemaRef,
        payload: JSON.stringify(envelope.payload),
        stream_id: streamId,
        received_at: now,
        status: withHandlers ? 'received' : 'processed',
        error_message: null,
      }));
      const ids = await db('workflow_runtime_events').insert(chunk).onConflict(['event_id']).ignore().returning('event_id');
      for (const r of ids as Array<{ event_id: string } | string>) written.add(canonicalUuid(String(typeof r === 'object' ? r.event_id : r)));
    }
    return written;
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
