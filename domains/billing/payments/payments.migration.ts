import { Migration } from '../../../lib/kit';

/** Payments, their applications to invoices, refunds and failed collection attempts. */
export const paymentsMigration: Migration = {
  name: 'billing_203_payments',
  async up(db) {
    await db.schema.createTable('billing_payments', (t) => {
      t.uuid('payment_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable();
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('method', 64).notNullable();
      t.string('status', 24).notNullable();
      t.bigInteger('amount_applied').notNullable().defaultTo(0);
      t.bigInteger('amount_refunded').notNullable().defaultTo(0);
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.uuid('received_by_user_id').nullable();
      t.string('gateway_transaction_id', 255).nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['tenant', 'gateway_transaction_id']);
      t.index(['tenant', 'client_id']);
    });
    await db.schema.createTable('billing_payment_applications', (t) => {
      t.uuid('application_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('payment_id').notNullable().references('payment_id').inTable('billing_payments');
      t.uuid('invoice_id').notNullable().references('invoice_id').inTable('invoices');
      t.bigInteger('amount').notNullable();
      t.bigInteger('amount_reversed').notNullable().defaultTo(0);
      t.timestamp('applied_at', { useTz: true }).notNullable();
      t.uuid('applied_by_user_id').notNullable();
      t.index(['tenant', 'payment_id']);
      t.index(['tenant', 'invoice_id']);
    });
    await db.schema.createTable('billing_payment_refunds', (t) => {
      t.uuid('refund_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('payment_id').notNullable().references('payment_id').inTable('billing_payments');
      t.bigInteger('amount').notNullable();
      t.text('reason').nullable();
      t.timestamp('refunded_at', { useTz: true }).notNullable();
      t.uuid('refunded_by_user_id').notNullable();
      t.index(['tenant', 'payment_id']);
    });
    await db.schema.createTable('billing_payment_failures', (t) => {
      t.uuid('failure_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable();
      t.uuid('invoice_id').nullable();
      t.uuid('payment_id').nullable();
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.string('method', 64).notNullable();
      t.string('failure_code', 255).nullable();
      t.text('failure_message').nullable();
      t.boolean('retryable').nullable();
      t.string('gateway_transaction_id', 255).nullable();
      t.timestamp('failed_at', { useTz: true }).notNullable();
      t.index(['tenant', 'client_id']);
    });
  },
  async down(db) {
    for (const table of ['billing_payment_failures', 'billing_payment_refunds', 'billing_payment_applications', 'billing_payments']) await db.schema.dropTable(table);
  },
};
