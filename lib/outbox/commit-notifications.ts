import { Knex } from 'knex';
import { isPostgres } from '../uow/database';

/** PostgreSQL channel a transaction that staged events notifies; delivered only on commit. */
export const OUTBOX_CHANNEL = 'wfe_outbox';

/**
 * Called inside the staging transaction: PostgreSQL holds the notification until commit and drops
 * it on rollback. The payload lists the partitions that received rows (comma-separated; empty:
 * unknown, wake every partition).
 */
export async function notifyOutboxCommit(trx: Knex | Knex.Transaction, partitions: number[] = []): Promise<void> {
  if (isPostgres(trx)) await trx.raw('select pg_notify(?, ?)', [OUTBOX_CHANNEL, partitions.join(',')]);
}

/** The partitions a notification names; undefined when it names none (wake them all). */
export function notifiedPartitions(payload: string | undefined): number[] | undefined {
  if (!payload) return undefined;
  const parts = payload.split(',').map(Number);
  return parts.every((p) => Number.isInteger(p) && p >= 0) ? parts : undefined;
}

export interface OutboxCommitListener {
  stop(): Promise<void>;
}

/**
 * Wakes a relay when any process commits outbox rows (LISTEN on a dedicated connection), so a
 * standalone `wfe relay` publishes at once instead of at its next poll. The poller stays as the
 * safety net: a lost connection is re-established with back-off, and notifications missed in
 * between are covered by polling. SQLite has one process per file: nothing to listen to.
 */
export function listenForOutboxCommits(db: Knex, onCommit: (partitions?: number[]) => void, onError: (err: Error) => void = () => undefined): OutboxCommitListener {
  if (!isPostgres(db)) return { stop: async () => undefined };
  const client = db.client as any;
  let conn: any;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async () => {
    try {
      conn = await client.acquireRawConnection();
      conn.on('notification', (msg: { channel: string; payload?: string }) => msg.channel === OUTBOX_CHANNEL && onCommit(notifiedPartitions(msg.payload)));
      conn.on('error', (err: Error) => reconnect(err));
      conn.on('end', () => reconnect(new Error('LISTEN connection ended')));
      await conn.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (stopped) return release();
      failures = 0;
      onCommit(); // rows committed while not listening
    } catch (err) {
      reconnect(err as Error);
    }
  };
  const release = async () => {
    const c = conn;
    conn = undefined;
    if (c) await client.destroyRawConnection(c).catch(() => undefined);
  };
  const reconnect = (err: Error) => {
    if (stopped || retry) return;
    onError(err);
    void release();
    failures++;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, Math.min(100 * 2 ** failures, 10_000));
    retry.unref?.();
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await release();
    },
  };
}
