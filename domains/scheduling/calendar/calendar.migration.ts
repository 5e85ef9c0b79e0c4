import { Migration } from '../../../lib/kit';
import { tenantColumn, timestamp } from '../migration-columns';

/**
 * One row per user or team calendar that was ever booked. Bookings and blocks lock the rows of
 * the calendars they touch (an upsert), so two concurrent bookings for one technician run one
 * after the other and the second sees the first's clash.
 */
export const calendarsMigration: Migration = {
  name: 'scheduling_001_calendars',
  async up(db) {
    await db.schema.createTable('scheduling_calendars', (t) => {
      tenantColumn(t);
      t.string('owner_type', 8).notNullable();
      t.uuid('owner_id').notNullable();
      timestamp(t, 'touched_at').notNullable();
      t.primary(['tenant', 'owner_type', 'owner_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('scheduling_calendars');
  },
};
