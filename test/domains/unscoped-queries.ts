import { Knex } from 'knex';
import { allModules } from '../../domains';

/** Tables of one tenant's rows, as the modules declare them; invoice_items has no tenant column and is scoped through its invoice. */
const TENANT_TABLES = allModules.flatMap((m) => m.tables);
const SCOPED_THROUGH: Record<string, string> = { invoice_items: 'invoices' };

/** Every table (or alias) of the statement carries its own tenant condition. */
function scopedByTenant(sql: string): boolean {
  const refs = [...sql.matchAll(/\b(?:from|join|update)\s+(\w+)(?:\s+as\s+(\w+))?/gi)].map(([, table, alias]) => ({ table, name: alias ?? table }));
  const tables = new Set(refs.map((r) => r.table));
  return refs.every(({ table, name }) => {
    if (SCOPED_THROUGH[table]) return tables.has(SCOPED_THROUGH[table]);
    if (!TENANT_TABLES.includes(table)) return true;
    return new RegExp(`\\b${name}\\.tenant\\b`).test(sql) || (refs.length === 1 && /\btenant\b/.test(sql));
  });
}

/** The reads, updates and deletes `fn` sends to the database that are not scoped by tenant (inserts write the tenant). */
export async function unscopedQueries(db: Knex, fn: () => Promise<unknown>): Promise<string[]> {
  const unscoped: string[] = [];
  const listen = (q: { sql: string; method?: string }) => {
    const sql = q.sql.replace(/[`"]/g, '');
    if (q.method !== 'insert' && !scopedByTenant(sql)) unscoped.push(sql);
  };
  db.on('query', listen);
  try {
    await fn();
  } finally {
    db.removeListener('query', listen);
  }
  return [...new Set(unscoped)];
}
