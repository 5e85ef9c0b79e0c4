import { Migration } from '../../../lib/kit';

/**
 * Recurring billing runs, what each did per contract, and the ledger of contract periods billed.
 * billing_contract_periods' primary key (tenant, contract, period start) is what makes a period
 * bill a contract at most once, whichever run (or two at once) gets there first.
 */
export const recurringRunsMigration: Migration = {
  name: 'billing_103_recurring_runs',
  async up(db) {
    await db.schema.createTable('billing_recurring_runs', (t) => {
      t.uuid('run_id').primary();
      t.uuid('tenant').notNullable();
      t.string('period', 7).notNullable();
      t.string('period_start', 10).notNullable();
      t.string('period_end', 10).notNullable();
      t.string('status', 16).notNullable();
      t.uuid('initiated_by_user_id').nullable();
      // The billing schedule that started the run; null for a run started by hand.
      t.uuid('schedule_id').nullable();
      t.timestamp('started_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true }).nullable();
      t.timestamp('failed_at', { useTz: true }).nullable();
      t.integer('invoices_created').notNullable().defaultTo(0);
      t.integer('failed_count').notNullable().defaultTo(0);
      t.integer('already_billed_count').notNullable().defaultTo(0);
      t.text('warnings').nullable();
      t.string('error_code', 64).nullable();
      t.text('error_message').nullable();
      t.boolean('retryable').nullable();
      t.index(['tenant', 'period']);
    });
    await db.schema.createTable('billing_recurring_run_items', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('run_id').notNullable().references('run_id').inTable('billing_recurring_runs').onDelete('CASCADE');
      t.uuid('contract_id').notNullable();
      t.string('outcome', 16).notNullable();
      t.uuid('invoice_id').nullable();
      t.string('reason_code', 64).nullable();
      t.text('reason').nullable();
      t.primary(['tenant', 'run_id', 'contract_id']);
    });
    await db.schema.createTable('billing_contract_periods', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('contract_id').notNullable().references('contract_id').inTable('billing_contracts').onDelete('CASCADE');
      t.string('period_start', 10).notNullable();
      t.string('service_end', 10).notNullable();
      t.uuid('run_id').notNullable();
      // Set once the invoice is generated, in the same transaction as the claim.
      t.uuid('invoice_id').nullable();
      t.timestamp('billed_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'contract_id', 'period_start']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_contract_periods');
    await db.schema.dropTable('billing_recurring_run_items');
    await db.schema.dropTable('billing_recurring_runs');
  },
};
