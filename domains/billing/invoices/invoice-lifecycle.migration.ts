import { Migration } from '../../../lib/kit';

/** Sending, due dates, amounts paid / credited / written off, and the overdue sweeper's claim. */
export const invoiceLifecycleMigration: Migration = {
  name: 'billing_201_invoice_lifecycle',
  async up(db) {
    await db.schema.alterTable('invoices', (t) => {
      t.string('due_date', 10).nullable(); // YYYY-MM-DD, the tenant's calendar day
      t.uuid('finalized_by_user_id').nullable();
      t.timestamp('sent_at', { useTz: true }).nullable();
      t.uuid('sent_by_user_id').nullable();
      t.string('delivery_method', 8).nullable();
      t.text('recipients').nullable(); // JSON array of addresses
      t.bigInteger('amount_paid').notNullable().defaultTo(0);
      t.bigInteger('amount_credited').notNullable().defaultTo(0);
      t.bigInteger('amount_written_off').notNullable().defaultTo(0);
      t.timestamp('written_off_at', { useTz: true }).nullable();
      t.text('write_off_reason').nullable();
      t.timestamp('voided_at', { useTz: true }).nullable();
      // The due date INVOICE_OVERDUE last fired for: the sweeper claims (invoice, due date) once.
      t.string('overdue_notified_for', 10).nullable();
      t.index(['tenant', 'status', 'due_date']);
    });
  },
  async down(db) {
    await db.schema.alterTable('invoices', (t) => {
      t.dropIndex(['tenant', 'status', 'due_date']);
      for (const c of ['due_date', 'finalized_by_user_id', 'sent_at', 'sent_by_user_id', 'delivery_method', 'recipients', 'amount_paid', 'amount_credited', 'amount_written_off', 'written_off_at', 'write_off_reason', 'voided_at', 'overdue_notified_for']) t.dropColumn(c);
    });
  },
};
