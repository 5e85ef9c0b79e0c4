import { Migration } from '../../../lib/kit';

export const invoicesMigration: Migration = {
  name: '200_billing_invoices',
  async up(db) {
    await db.schema.createTable('invoices', (t) => {
      t.uuid('invoice_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable();
      t.string('invoice_number', 32).notNullable();
      t.string('status', 16).notNullable();
      t.string('currency', 3).notNullable();
      t.bigInteger('total_amount').notNullable();
      t.uuid('created_by_user_id').nullable();
      t.timestamp('finalized_at', { useTz: true }).nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['tenant', 'invoice_number']);
    });
    await db.schema.createTable('invoice_items', (t) => {
      t.uuid('invoice_id').notNullable().references('invoice_id').inTable('invoices').onDelete('CASCADE');
      t.integer('line_no').notNullable();
      t.text('description').notNullable();
      t.integer('quantity').notNullable();
      t.bigInteger('unit_price').notNullable();
      t.primary(['invoice_id', 'line_no']);
    });
  },
  async down(db) {
    await db.schema.dropTable('invoice_items');
    await db.schema.dropTable('invoices');
  },
};
