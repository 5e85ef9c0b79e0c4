import { Migration } from '../../../lib/kit';

/**
 * Tag definitions (names unique per tenant through a lower-case key) and their applications to
 * clients and contacts. Tickets keep their own tag set (the tickets module's ticket_tags), which
 * CRM writes through TicketService; CRM registers each definition there under the same id.
 */
export const tagsMigration: Migration = {
  name: 'crm_005_tags',
  async up(db) {
    await db.schema.createTable('crm_tags', (t) => {
      t.uuid('tag_id').primary();
      t.uuid('tenant').notNullable();
      t.string('name', 64).notNullable();
      t.string('name_key', 64).notNullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['tenant', 'name_key']);
    });
    await db.schema.createTable('crm_entity_tags', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('tag_id').notNullable().references('tag_id').inTable('crm_tags');
      t.string('entity_type', 16).notNullable();
      t.uuid('entity_id').notNullable();
      t.uuid('applied_by_user_id').notNullable();
      t.timestamp('applied_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'entity_type', 'entity_id', 'tag_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('crm_entity_tags');
    await db.schema.dropTable('crm_tags');
  },
};
