import { Knex } from 'knex';

/**
 * INSERT … ON CONFLICT DO NOTHING that says whether it wrote the row. RETURNING is the one
 * portable signal: better-sqlite3 reports the connection's last rowid even when nothing was
 * inserted, so driver result counts cannot be trusted.
 */
export async function insertIfAbsent(db: Knex | Knex.Transaction, table: string, row: Record<string, unknown>, conflict: string[]): Promise<boolean> {
  const written = await db(table).insert(row).onConflict(conflict).ignore().returning(conflict[0]);
  return written.length > 0;
}
