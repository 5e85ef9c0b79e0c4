import { isPostgres, Knex } from '../../../../lib/kit';

/**
 * Serialises, until commit, the actions that add or drop a reference to one stored content
 * (`storageKey`): recording an upload and deleting the last record of identical bytes cannot
 * interleave, so a blob is never removed under a record that was just written. PostgreSQL takes a
 * transaction-scoped advisory lock on the key; SQLite has a single writer already.
 */
export async function lockStorageKey(db: Knex, storageKey: string): Promise<void> {
  if (isPostgres(db)) await db.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [storageKey]);
}
