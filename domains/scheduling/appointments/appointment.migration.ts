import { Migration } from '../../../lib/kit';
import { tenantColumn, timestamp, windowColumns } from '../migration-columns';

export const appointmentsMigration: Migration = {
  name: 'scheduling_002_appointments',
  async up(db) {
    await db.schema.createTable('appointments', (t) => {
      t.uuid('appointment_id').primary();
      tenantColumn(t);
      t.string('title', 255).notNullable();
      t.uuid('ticket_id').nullable();
      t.uuid('client_id').nullable();
      t.text('location').nullable();
      windowColumns(t);
      t.string('assignee_type', 8).nullable();
      t.uuid('assignee_id').nullable();
      t.uuid('team_id').nullable();
      t.string('status', 16).notNullable();
      t.integer('reschedule_count').notNullable().defaultTo(0);
      t.uuid('created_by_user_id').notNullable();
      timestamp(t, 'created_at').notNullable();
      timestamp(t, 'updated_at').notNullable();
      timestamp(t, 'canceled_at').nullable();
      t.text('cancel_reason').nullable();
      timestamp(t, 'completed_at').nullable();
      t.text('outcome').nullable();
      timestamp(t, 'no_show_at').nullable();
      t.string('no_show_party', 8).nullable();
      t.index(['tenant', 'assignee_type', 'assignee_id', 'start_at']);
      t.index(['tenant', 'team_id', 'start_at']);
      t.index(['tenant', 'ticket_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('appointments');
  },
};
