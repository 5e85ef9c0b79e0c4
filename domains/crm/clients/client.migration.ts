import { Migration } from '../../../lib/kit';

/** Clients: one row per account; archived rows stay (history, merges point at them). */
export const clientsMigration: Migration = {
  name: 'crm_001_clients',
  async up(db) {
    await db.schema.createTable('crm_clients', (t) => {
      t.uuid('client_id').primary();
      t.uuid('tenant').notNullable();
      t.string('name', 255).notNullable();
      t.string('status', 16).notNullable();
      t.uuid('owner_user_id').nullable();
      t.string('website', 255).nullable();
      t.string('phone_number', 255).nullable();
      t.string('industry', 255).nullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('archived_at', { useTz: true }).nullable();
      t.uuid('archived_by_user_id').nullable();
      t.text('archive_reason').nullable();
      t.uuid('merged_into_client_id').nullable();
      t.index(['tenant', 'name']);
    });
  },
  async down(db) {
    await db.schema.dropTable('crm_clients');
  },
};
