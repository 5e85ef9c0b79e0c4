import { Migration } from '../../../lib/kit';

/** Client contracts and their recurring lines. */
export const contractsMigration: Migration = {
  name: 'billing_101_contracts',
  async up(db) {
    await db.schema.createTable('billing_contracts', (t) => {
      t.uuid('contract_id').primary();
      t.uuid('tenant').notNullable();
      // The CRM module's client; no foreign key across modules.
      t.uuid('client_id').notNullable();
      t.string('name', 200).notNullable();
      t.string('status', 16).notNullable();
      // Calendar dates as YYYY-MM-DD text: no time zone can shift them, and they sort as dates.
      t.string('start_date', 10).notNullable();
      t.string('end_date', 10).nullable();
      t.string('currency', 3).notNullable();
      t.string('billing_frequency', 16).notNullable();
      t.uuid('created_by_user_id').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('status_changed_at', { useTz: true }).nullable();
      t.index(['tenant', 'client_id']);
      t.index(['tenant', 'status']);
    });
    await db.schema.createTable('billing_contract_lines', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('contract_id').notNullable().references('contract_id').inTable('billing_contracts').onDelete('CASCADE');
      t.integer('line_no').notNullable();
      t.text('description').notNullable();
      t.integer('quantity').notNullable();
      t.bigInteger('unit_price').notNullable();
      t.primary(['tenant', 'contract_id', 'line_no']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_contract_lines');
    await db.schema.dropTable('billing_contracts');
  },
};
