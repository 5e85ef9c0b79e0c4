import { Knex } from 'knex';
import { isPostgres } from '../uow/database';

/**
 * Locks the selected rows until commit (`SELECT … FOR UPDATE`) on PostgreSQL, so two actions on
 * one record run one after the other and "previous" values in events stay true. SQLite has a
 * single writer, which serialises them already. Use as `.modify(forUpdate(db))`.
 */
export const forUpdate =
  (db: Knex | Knex.Transaction, ...tables: string[]) =>
  (q: Knex.QueryBuilder): Knex.QueryBuilder =>
    isPostgres(db as Knex) ? q.forUpdate(...tables) : q;
