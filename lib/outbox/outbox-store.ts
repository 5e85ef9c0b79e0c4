import { Knex } from 'knex';
import { EventEnvelope } from '../bus/envelope';
import { compareStreamIds } from '../bus/redis-stream-id';
import { isPostgres, readJson } from '../uow/database';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { notifyOutboxCommit, OUTBOX_CHANNEL } from './commit-notifications';
import { orderingKeyOf, partitionOf } from './ordering';

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

export interface OutboxScope {
  /** How many partitions rows are spread over by ordering key (default 1). */
  partitions?: number;
  /** The partition this store drains and reports on; undefined: reports cover every partition, drains partition 0. */
  partition?: number;
}

/**
 * Reads and writes `event_outbox`. Staging always happens on the caller's transaction. A store
 * scoped to a partition (`forPartition`) drains only that partition's rows.
 */
export class OutboxStore {
  readonly partitions: number;
  readonly partition?: number;
  /** The last drainBatch found the partition being drained by another relay (PostgreSQL). */
  busy = false;

  constructor(
    private readonly db: Knex,
    scope: OutboxScope = {},
  ) {
    this.partitions = Math.max(1, scope.partitions ?? 1);
    this.partition = scope.partition;
  }

  /** The same table, scoped to one partition (for that partition's relay). */
  forPartition(partition: number): OutboxStore {
    if (!Number.isInteger(partition) || partition < 0 || partition >= this.partitions) throw new RangeError(`partition ${partition} is not in 0..${this.partitions - 1}`);
    return new OutboxStore(this.db, { partitions: this.partitions, partition });
  }

  /** The partition an envelope's row goes to. */
  partitionFor(envelope: EventEnvelope): number {
    return partitionOf(orderingKeyOf(envelope), this.partitions);
  }

  /** Restricts a query to this store's partition, when it has one. */
  private scoped<T extends Knex.QueryBuilder>(q: T): T {
    return (this.partition === undefined ? q : q.where('partition', this.partition)) as T;
  }

  /**
   * Inserts the envelopes' rows on the caller's transaction. On PostgreSQL the same statement
   * queues the commit notification (`notify`, default true) that wakes relays in other processes:
   * one round trip. A runtime whose own relay runs passes `notify: false`: it wakes that relay
   * after commit itself, and its relay publishes the rows.
   */
  async stage(trx: Knex | Knex.Transaction, envelopes: EventEnvelope[], options: { notify?: boolean } = {}): Promise<void> {
    if (!envelopes.length) return;
    const now = new Date();
    const rows = envelopes.map((e) => {
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
        partition: this.partitionFor(e),
      };
    });
    const notify = options.notify !== false;
    if (notify && isPostgres(trx as Knex)) {
      const insert = trx('event_outbox').insert(rows).toSQL();
      const partitions = [...new Set(rows.map((r) => r.partition))].join(',');
      await trx.raw(`with staged as (${insert.sql} returning 1) select pg_notify(?, ?) from (select count(*) from staged) c`, [...insert.bindings, OUTBOX_CHANNEL, partitions]);
      return;
    }
    await trx('event_outbox').insert(rows);
    if (notify) await notifyOutboxCommit(trx, [...new Set(rows.map((r) => r.partition))]);
  }

  /**
   * Hands the oldest unpublished rows of the partition to `publish` and marks them published once
   * it resolves. On PostgreSQL the drain holds the partition's advisory lock (transaction-scoped,
   * per schema and partition) until then: one relay at a time drains a partition, so rows of one
   * ordering key reach the stream in the order they committed, whatever the number of relays; a
   * relay that finds the lock taken returns 0 (the holder drains). SQLite has a single writer and
   * a single relay per file (holdsRelayLease).
   */
  async drainBatch(limit: number, publish: (rows: OutboxRow[]) => Promise<string[] | void>): Promise<number> {
    const pg = isPostgres(this.db);
    const partition = this.partition ?? 0;
    const work = async (q: Knex | Knex.Transaction) => {
      let raw: any[];
      if (pg) {
        // Lock and read in one round trip: the rows are read only when the lock was granted.
        const { rows: got } = await q.raw(
          `select l.ok as lock_granted, o.* from (select pg_try_advisory_xact_lock(hashtext(current_schema() || ':wfe_outbox:' || ?::text)) as ok) l
           left join lateral (select * from event_outbox where l.ok and published_at is null and partition = ? order by seq limit ?) o on true`,
          [partition, partition, limit],
        );
        this.busy = !got[0].lock_granted;
        if (this.busy) return 0;
        raw = got.filter((r: { seq: unknown }) => r.seq !== null);
      } else raw = await q('event_outbox').whereNull('published_at').where('partition', partition).orderBy('seq').limit(limit);
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
    const name = this.leaseName();
    const renewed = await this.db('wfe_relay_lease')
      .where({ name })
      .andWhere((q) => q.where({ holder }).orWhere('expires_at', '<', now))
      .update({ holder, expires_at: now + ttlMs });
    if (renewed > 0) return true;
    return insertIfAbsent(this.db, 'wfe_relay_lease', { name, holder, expires_at: now + ttlMs }, ['name']);
  }

  /** Gives the lease up (a relay that stops), so another process's relay takes over at once. */
  async releaseRelayLease(holder: string): Promise<void> {
    if (!isPostgres(this.db)) await this.db('wfe_relay_lease').where({ name: this.leaseName(), holder }).del();
  }

  private leaseName(): string {
    return this.partition ? `relay:p${this.partition}` : 'relay';
  }

  /** The highest entry id among the rows published last (undefined: none recorded yet). */
  async lastPublishedStreamId(): Promise<string | undefined> {
    const rows = await this.scoped(this.db('event_outbox').whereNotNull('stream_id').orderBy('seq', 'desc').limit(200).select('stream_id'));
    return rows.map((r: { stream_id: string }) => r.stream_id).reduce<string | undefined>((max, id) => (max === undefined || compareStreamIds(id, max) > 0 ? id : max), undefined);
  }

  /**
   * Marks unpublished again the rows published within `windowMs` as entries the stream no longer
   * has (ids above `lastId`, the stream's last generated id), so the relay publishes them again;
   * consumers de-duplicate by event id. Returns how many.
   */
  async requeueLost(lastId: string, windowMs: number): Promise<number> {
    const since = new Date(Date.now() - windowMs);
    const rows = await this.scoped(this.db('event_outbox').whereNotNull('stream_id').where('published_at', '>=', since).select('seq', 'stream_id'));
    const lost = rows.filter((r: { stream_id: string }) => /^\d+-\d+$/.test(r.stream_id) && compareStreamIds(r.stream_id, lastId) > 0).map((r: { seq: unknown }) => Number(r.seq));
    for (let i = 0; i < lost.length; i += 500) {
      await this.db('event_outbox').whereIn('seq', lost.slice(i, i + 500)).update({ published_at: null, stream_id: null });
    }
    return lost.length;
  }

  async pendingCount(): Promise<number> {
    const [{ n }] = await this.scoped(this.db('event_outbox').whereNull('published_at').count({ n: '*' }));
    return Number(n);
  }

  async oldestPendingAt(): Promise<Date | null> {
    const row = await this.scoped(this.db('event_outbox').whereNull('published_at').orderBy('seq')).first('created_at');
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
