import { Knex } from 'knex';
import { Migration } from './migrator';

export const sequencesMigration: Migration = {
  name: '000_core_sequences',
  async up(db) {
    await db.schema.createTable('wfe_sequences', (t) => {
      t.uuid('tenant').notNullable();
      t.string('name', 64).notNullable();
      t.bigInteger('last_value').notNullable();
      t.primary(['tenant', 'name']);
    });
  },
  async down(db) {
    await db.schema.dropTable('wfe_sequences');
  },
};

/**
 * Next value of a per-tenant counter (invoice numbers, ticket numbers), on the caller's
 * transaction. One upsert both creates and increments the row, and its row lock holds until
 * commit, so concurrent callers get distinct values (counting rows would hand out one twice).
 */
export async function nextSequenceValue(db: Knex | Knex.Transaction, tenant: string, name: string): Promise<number> {
  const [row] = await db('wfe_sequences')
    .insert({ tenant, name, last_value: 1 })
    .onConflict(['tenant', 'name'])
    .merge({ last_value: db.raw('?? + 1', ['wfe_sequences.last_value']) })
    .returning('last_value');
  return Number(typeof row === 'object' ? row.last_value : row);
}
