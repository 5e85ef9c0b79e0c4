import { Migration } from '../../../lib/kit';

/** Notes on clients and contacts; a merge re-points them at the surviving record. */
export const notesMigration: Migration = {
  name: 'crm_004_notes',
  async up(db) {
    await db.schema.createTable('crm_notes', (t) => {
      t.uuid('note_id').primary();
      t.uuid('tenant').notNullable();
      t.string('entity_type', 16).notNullable();
      t.uuid('entity_id').notNullable();
      t.text('body').notNullable();
      t.string('visibility', 16).notNullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['tenant', 'entity_type', 'entity_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('crm_notes');
  },
};
