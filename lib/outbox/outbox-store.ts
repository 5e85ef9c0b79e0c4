import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { isPostgres, readJson } from '../uow/database';
import { notifyOutboxCommit } from './commit-notifications';

export interface OutboxRow {
  seq: number;
  envelope: EventEnvelope;
  attempts: number;
}

interface Headers {
  subject?: string;
  eventName?: string;
  occurredAt: string;
  actorUserId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
}

/** Reads and writes `event_outbox`. Staging always happens on the caller's transaction. */
export class OutboxStore {
  constructor(private readonly db: Knex) {}

  async stage(trx: Knex | Knex.Transaction, envelopes: EventEnvelope[]): Promise<void> {
    if (!envelopes.length) return;
    const now = new Date();
    await trx('event_outbox').insert(
      envelopes.map((e) => {
        const headers: Headers = {
          subject: e.subject,
          eventName: e.eventName,
          occurredAt: e.occurredAt,
          actorUserId: e.actorUserId,
          correlationId: e.correlationId,
          causationId: e.causationId,
          traceparent: e.traceparent,
        };
        return {
          event_id: e.id,
          event_type: e.eventType,
          schema_ref: e.schemaRef,
          tenant: e.tenantId,
          payload: JSON.stringify(e.payload),
          headers: JSON.stringify(headers),
          created_at: now,
        };
      }),
    );
    await notifyOutboxCommit(trx);
  }

  /**
   * Hands the oldest unpublished rows to `publish` and marks them published once it resolves.
   * On PostgreSQL the rows stay locked (`FOR UPDATE SKIP LOCKED`) until then, so concurrent relays
   * never publish the same row; SQLite has a single writer and a single relay per file.
   */
  async drainBatch(limit: number, publish: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    const pg = isPostgres(this.db);
    const work = async (q: Knex | Knex.Transaction) => {
      let select = q('event_outbox').whereNull('published_at').orderBy('seq').limit(limit);
      if (pg) select = select.forUpdate().skipLocked();
      const raw = await select;
      if (!raw.length) return 0;
      const rows = raw.map(toRow);
      try {
        await publish(rows);
      } catch (err) {
        await q('event_outbox')
          .whereIn('seq', rows.map((r) => r.seq))
          .update({ attempts: q.raw('attempts + 1'), last_error: String((err as Error).message).slice(0, 2000) });
        throw err;
      }
      await q('event_outbox')
        .whereIn('seq', rows.map((r) => r.seq))
        .update({ published_at: new Date(), attempts: q.raw('attempts + 1'), last_error: null });
      return rows.length;
    };
    if (!pg) return work(this.db);
    // On failure the attempt bookkeeping must survive the rollback of the locking transaction.
    let failure: unknown;
    const n = await this.db.transaction(async (trx) => {
      try {
        return await work(trx);
      } catch (err) {
        failure = err;
        return 0;
      }
    });
    if (failure) throw failure;
    return n;
  }

  async pendingCount(): Promise<number> {
    const [{ n }] = await this.db('event_outbox').whereNull('published_at').count({ n: '*' });
    return Number(n);
  }

  async oldestPendingAt(): Promise<Date | null> {
    const row = await this.db('event_outbox').whereNull('published_at').orderBy('seq').first('created_at');
    return row ? new Date(row.created_at) : null;
  }
}

function toRow(r: any): OutboxRow {
  const h = readJson<Headers>(r.headers);
  return {
    seq: Number(r.seq),
    attempts: Number(r.attempts),
    envelope: {
      id: r.event_id,
      eventType: r.event_type,
      eventName: h.eventName,
      schemaRef: r.schema_ref,
      tenantId: r.tenant,
      occurredAt: h.occurredAt,
      actorUserId: h.actorUserId ?? undefined,
      correlationId: h.correlationId ?? undefined,
      causationId: h.causationId ?? undefined,
      traceparent: h.traceparent ?? undefined,
      subject: h.subject ?? undefined,
      payload: readJson(r.payload),
    },
  };
}
