import { Knex } from 'knex';
import { isPostgres } from './database';

export interface Migration {
  /** Unique name, recorded once applied, e.g. `billing_001_invoices`. Order is the list's, not the name's. */
  name: string;
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

class ListMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: Migration[]) {}
  async getMigrations(): Promise<Migration[]> {
    return this.migrations;
  }
  getMigrationName(m: Migration): string {
    return m.name;
  }
  async getMigration(m: Migration): Promise<Knex.Migration> {
    return { up: (db) => m.up(db), down: (db) => (m.down ? m.down(db) : Promise.resolve()) };
  }
}

/**
 * Applies the engine's and the domains' migrations with knex's migrator (bookkeeping), in the
 * order given: the engine's, then each module's after those of the modules it depends on. On
 * PostgreSQL processes starting at once on a new schema (`wfe relay` + `wfe worker`, several
 * `wfe catalog sync`) are serialised by a session advisory lock keyed by the schema: knex's own
 * lock table is created by the first migration run, so it cannot guard that run itself.
 */
export async function migrate(db: Knex, migrations: Migration[]): Promise<string[]> {
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new Error(`Duplicate migration name ${m.name}`);
    names.add(m.name);
  }
  const latest = async () => {
    const [, applied] = await db.migrate.latest({ migrationSource: new ListMigrationSource(migrations), tableName: 'wfe_migrations' });
    return applied as string[];
  };
  return isPostgres(db) ? withMigrationLock(db, latest) : latest();
}

/** Holds `pg_advisory_lock` on one pooled connection while `fn` runs (on others). */
async function withMigrationLock<T>(db: Knex, fn: () => Promise<T>): Promise<T> {
  const client = db.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
  const conn = await client.acquireConnection();
  // The pool applied the configured search_path: current_schema() is the schema being migrated.
  const key = "hashtext('wfe_migrations:' || coalesce(current_schema(), ''))";
  try {
    await db.raw(`select pg_advisory_lock(${key})`).connection(conn as never);
    try {
      return await fn();
    } finally {
      await db.raw(`select pg_advisory_unlock(${key})`).connection(conn as never).catch(() => undefined);
    }
  } finally {
    await client.releaseConnection(conn);
  }
}
