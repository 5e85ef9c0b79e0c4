import { Migration } from '../../../lib/kit';

/**
 * Billing schedules (one per tenant) and the periods each has started a run for: the primary key
 * (tenant, schedule, period) makes a schedule start a period's run once, however many sweeps run.
 */
export const recurringSchedulesMigration: Migration = {
  name: 'billing_104_recurring_schedules',
  async up(db) {
    await db.schema.createTable('billing_recurring_schedules', (t) => {
      t.uuid('schedule_id').primary();
      t.uuid('tenant').notNullable().unique();
      t.integer('day_of_month').notNullable();
      t.boolean('enabled').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('billing_schedule_periods', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('schedule_id').notNullable().references('schedule_id').inTable('billing_recurring_schedules').onDelete('CASCADE');
      t.string('period', 7).notNullable();
      t.uuid('run_id').notNullable();
      t.primary(['tenant', 'schedule_id', 'period']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_schedule_periods');
    await db.schema.dropTable('billing_recurring_schedules');
  },
};
