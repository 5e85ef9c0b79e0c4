import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { compareStreamIds } from '../bus/redis-stream-id';
import { isPostgres, readJson } from '../uow/database';
import { insertIfAbsent } from '../uow/insert-if-absent';
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
  async drainBatch(limit: number, publish: (rows: OutboxRow[]) => Promise<string[] | void>): Promise<number> {
    const pg = isPostgres(this.db);
    const work = async (q: Knex | Knex.Transaction) => {
      let select = q('event_outbox').whereNull('published_at').orderBy('seq').limit(limit);
      if (pg) select = select.forUpdate().skipLocked();
      const raw = await select;
      if (!raw.length) return 0;
      const rows = raw.map(toRow);
      let streamIds: string[] | void;
      try {
        streamIds = await publish(rows);
      } catch (err) {
        await q('event_outbox')
          .whereIn('seq', rows.map((r) => r.seq))
          .update({ attempts: q.raw('attempts + 1'), last_error: String((err as Error).message).slice(0, 2000) });
        throw err;
      }
      const ids = streamIds && streamIds.length === rows.length ? streamIds : undefined;
      await q('event_outbox')
        .whereIn('seq', rows.map((r) => r.seq))
        .update({
          published_at: new Date(),
          attempts: q.raw('attempts + 1'),
          last_error: null,
          // Each row's entry id, in one statement: CASE seq WHEN … THEN … END.
          stream_id: ids ? q.raw(`case seq ${rows.map(() => 'when ? then ?').join(' ')} end`, rows.flatMap((r, i) => [r.seq, ids[i]])) : null,
        });
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

  /**
   * SQLite only: whether `holder` is the relay of this database file, taking or renewing the lease
   * for `ttlMs`. Two processes on one file (a server and a CLI) would otherwise read and publish
   * the same rows; PostgreSQL needs no lease (rows are locked with SKIP LOCKED). A crashed
   * holder's lease expires, and another relay takes over.
   */
  async holdsRelayLease(holder: string, ttlMs: number): Promise<boolean> {
    if (isPostgres(this.db)) return true;
    const now = Date.now();
    const renewed = await this.db('wfe_relay_lease')
      .where({ name: 'relay' })
      .andWhere((q) => q.where({ holder }).orWhere('expires_at', '<', now))
      .update({ holder, expires_at: now + ttlMs });
    if (renewed > 0) return true;
    return insertIfAbsent(this.db, 'wfe_relay_lease', { name: 'relay', holder, expires_at: now + ttlMs }, ['name']);
  }

  /** Gives the lease up (a relay that stops), so another process's relay takes over at once. */
  async releaseRelayLease(holder: string): Promise<void> {
    if (!isPostgres(this.db)) await this.db('wfe_relay_lease').where({ name: 'relay', holder }).del();
  }

  /** The highest entry id among the rows published last (undefined: none recorded yet). */
  async lastPublishedStreamId(): Promise<string | undefined> {
    const rows = await this.db('event_outbox').whereNotNull('stream_id').orderBy('seq', 'desc').limit(200).select('stream_id');
    return rows.map((r: { stream_id: string }) => r.stream_id).reduce<string | undefined>((max, id) => (max === undefined || compareStreamIds(id, max) > 0 ? id : max), undefined);
  }

  /**
   * Marks unpublished again the rows published within `windowMs` as entries the stream no longer
   * has (ids above `lastId`, the stream's last generated id), so the relay publishes them again;
   * consumers de-duplicate by event id. Returns how many.
   */
  async requeueLost(lastId: string, windowMs: number): Promise<number> {
    const since = new Date(Date.now() - windowMs);
    const rows = await this.db('event_outbox').whereNotNull('stream_id').where('published_at', '>=', since).select('seq', 'stream_id');
    const lost = rows.filter((r: { stream_id: string }) => /^\d+-\d+$/.test(r.stream_id) && compareStreamIds(r.stream_id, lastId) > 0).map((r: { seq: unknown }) => Number(r.seq));
    for (let i = 0; i < lost.length; i += 500) {
      await this.db('event_outbox').whereIn('seq', lost.slice(i, i + 500)).update({ published_at: null, stream_id: null });
    }
    return lost.length;
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
