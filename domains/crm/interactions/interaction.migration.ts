import { Migration } from '../../../lib/kit';

/** Logged touchpoints; they move with their client or contact when it is merged. */
export const interactionsMigration: Migration = {
  name: 'crm_003_interactions',
  async up(db) {
    await db.schema.createTable('crm_interactions', (t) => {
      t.uuid('interaction_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable().references('client_id').inTable('crm_clients');
      t.uuid('contact_id').nullable().references('contact_id').inTable('crm_contacts');
      t.string('type', 16).notNullable();
      t.string('channel', 16).notNullable();
      t.timestamp('occurred_at', { useTz: true }).notNullable();
      t.string('subject', 255).nullable();
      t.string('outcome', 255).nullable();
      t.uuid('logged_by_user_id').notNullable();
      t.timestamp('logged_at', { useTz: true }).notNullable();
      t.index(['tenant', 'client_id', 'occurred_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('crm_interactions');
  },
};
