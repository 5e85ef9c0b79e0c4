import { Migration } from '../../../lib/kit';

/**
 * Per-tenant renewal lead time (the time zone is the tenant's billing one, billing_collection_settings), and one row per contract term whose renewal notice went out: its
 * primary key (tenant, contract, term end date) is what makes the notice exactly-once, however
 * many sweeps run at once; a later end date is a new term with a notice of its own.
 */
export const contractRenewalsMigration: Migration = {
  name: 'billing_102_contract_renewals',
  async up(db) {
    await db.schema.createTable('billing_contract_settings', (t) => {
      t.uuid('tenant').primary();
      t.integer('renewal_notice_days').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('billing_contract_renewal_notices', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('contract_id').notNullable().references('contract_id').inTable('billing_contracts').onDelete('CASCADE');
      t.string('term_end_date', 10).notNullable();
      t.timestamp('renewal_at', { useTz: true }).notNullable();
      t.integer('days_until_renewal').notNullable();
      t.timestamp('notified_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'contract_id', 'term_end_date']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_contract_renewal_notices');
    await db.schema.dropTable('billing_contract_settings');
  },
};
