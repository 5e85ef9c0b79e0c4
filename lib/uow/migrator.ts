import { Knex } from 'knex';

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
 * Applies the engine's and the domains' migrations with knex's migrator (locking, bookkeeping), in
 * the order given: the engine's, then each module's after those of the modules it depends on.
 */
export async function migrate(db: Knex, migrations: Migration[]): Promise<string[]> {
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new Error(`Duplicate migration name ${m.name}`);
    names.add(m.name);
  }
  const [, applied] = await db.migrate.latest({ migrationSource: new ListMigrationSource(migrations), tableName: 'wfe_migrations' });
  return applied as string[];
}
