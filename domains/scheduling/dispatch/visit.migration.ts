import { Migration } from '../../../lib/kit';
import { tenantColumn, timestamp } from '../migration-columns';

/** One field visit per appointment; its primary key refuses a second dispatch. */
export const visitsMigration: Migration = {
  name: 'scheduling_005_visits',
  async up(db) {
    await db.schema.createTable('appointment_visits', (t) => {
      t.uuid('appointment_id').primary().references('appointment_id').inTable('appointments');
      tenantColumn(t);
      t.uuid('technician_user_id').notNullable();
      t.string('state', 16).notNullable();
      t.uuid('dispatched_by_user_id').notNullable();
      timestamp(t, 'dispatched_at').notNullable();
      timestamp(t, 'en_route_at').nullable();
      timestamp(t, 'eta').nullable();
      timestamp(t, 'arrived_at').nullable();
      t.jsonb('arrival_location').nullable();
      timestamp(t, 'checked_out_at').nullable();
      t.text('work_summary').nullable();
      t.index(['tenant', 'technician_user_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('appointment_visits');
  },
};
