import { isPostgres, Knex } from '../../../lib/kit';

/**
 * How a read locks the row it reads until commit (PostgreSQL; SQLite has a single writer, which
 * serialises writes already). `update`: the action changes the record (merges, edits), so others
 * wait. `share`: the action attaches something to the record (a contact, note, tag, ticket) and
 * needs it to stay as read: many may share, and a merge or archive waits for them and they for it.
 */
export type RowLock = 'update' | 'share' | undefined;

export const withRowLock =
  (db: Knex | Knex.Transaction, lock: RowLock) =>
  (q: Knex.QueryBuilder): Knex.QueryBuilder => {
    if (!lock || !isPostgres(db as Knex)) return q;
    return lock === 'update' ? q.forUpdate() : q.forShare();
  };
