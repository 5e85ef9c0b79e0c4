import { Migration } from '../../../lib/kit';

/**
 * Contacts. Two partial unique indexes hold the rules under concurrent writes: one live contact per
 * email address and tenant (case-insensitive key), and at most one primary contact per client.
 */
export const contactsMigration: Migration = {
  name: 'crm_002_contacts',
  async up(db) {
    await db.schema.createTable('crm_contacts', (t) => {
      t.uuid('contact_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable().references('client_id').inTable('crm_clients');
      t.string('full_name', 255).notNullable();
      t.string('email', 320).nullable();
      t.string('email_key', 320).nullable();
      t.string('phone_number', 255).nullable();
      t.string('job_title', 255).nullable();
      t.boolean('is_primary').notNullable().defaultTo(false);
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('archived_at', { useTz: true }).nullable();
      t.uuid('archived_by_user_id').nullable();
      t.text('archive_reason').nullable();
      t.uuid('merged_into_contact_id').nullable();
      t.index(['tenant', 'client_id']);
    });
    await db.raw('create unique index crm_contacts_live_email on crm_contacts (tenant, email_key) where archived_at is null and email_key is not null');
    await db.raw('create unique index crm_contacts_one_primary on crm_contacts (tenant, client_id) where is_primary');
  },
  async down(db) {
    await db.schema.dropTable('crm_contacts');
  },
};
