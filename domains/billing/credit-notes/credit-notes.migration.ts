import { Migration } from '../../../lib/kit';

/** Credit notes and their applications to invoices. */
export const creditNotesMigration: Migration = {
  name: 'billing_204_credit_notes',
  async up(db) {
    await db.schema.createTable('billing_credit_notes', (t) => {
      t.uuid('credit_note_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('client_id').notNullable();
      t.uuid('source_invoice_id').nullable().references('invoice_id').inTable('invoices');
      t.bigInteger('amount').notNullable();
      t.string('currency', 3).notNullable();
      t.bigInteger('amount_applied').notNullable().defaultTo(0);
      t.string('status', 16).notNullable();
      t.text('reason').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('voided_at', { useTz: true }).nullable();
      t.uuid('voided_by_user_id').nullable();
      t.text('void_reason').nullable();
      t.index(['tenant', 'client_id']);
    });
    await db.schema.createTable('billing_credit_note_applications', (t) => {
      t.uuid('application_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('credit_note_id').notNullable().references('credit_note_id').inTable('billing_credit_notes');
      t.uuid('invoice_id').notNullable().references('invoice_id').inTable('invoices');
      t.bigInteger('amount').notNullable();
      t.timestamp('applied_at', { useTz: true }).notNullable();
      t.uuid('applied_by_user_id').notNullable();
      t.index(['tenant', 'credit_note_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_credit_note_applications');
    await db.schema.dropTable('billing_credit_notes');
  },
};
