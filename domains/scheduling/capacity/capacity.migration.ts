import { Migration } from '../../../lib/kit';
import { tenantColumn, timestamp } from '../migration-columns';

/**
 * A team's daily capacity, and one row per team and local day that was booked: its booked
 * minutes and whether the threshold event has fired since the day was last under capacity.
 */
export const capacityMigration: Migration = {
  name: 'scheduling_004_capacity',
  async up(db) {
    await db.schema.createTable('scheduling_team_capacity', (t) => {
      tenantColumn(t);
      t.uuid('team_id').notNullable();
      t.integer('daily_minutes').notNullable();
      t.string('timezone', 64).notNullable();
      timestamp(t, 'updated_at').notNullable();
      t.primary(['tenant', 'team_id']);
    });
    await db.schema.createTable('scheduling_capacity_days', (t) => {
      tenantColumn(t);
      t.uuid('team_id').notNullable();
      t.string('day', 10).notNullable();
      t.integer('booked_minutes').notNullable().defaultTo(0);
      t.boolean('reached').notNullable().defaultTo(false);
      timestamp(t, 'updated_at').notNullable();
      t.primary(['tenant', 'team_id', 'day']);
    });
  },
  async down(db) {
    await db.schema.dropTable('scheduling_capacity_days');
    await db.schema.dropTable('scheduling_team_capacity');
  },
};
