import { Migration } from '../../../lib/kit';

/** Per-tenant billing settings: the calendar (time zone) due dates are read in, and the automation user. */
export const billingSettingsMigration: Migration = {
  name: 'billing_202_settings',
  async up(db) {
    await db.schema.createTable('billing_collection_settings', (t) => {
      t.uuid('tenant').primary();
      t.string('timezone', 64).notNullable();
      t.uuid('automation_user_id').nullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_collection_settings');
  },
};
