import { Migration } from '../../../lib/kit';

/** Alerts raised: the primary key makes one alert per tenant, scope, window and period. */
export const csatAlertsMigration: Migration = {
  name: 'surveys_003_csat_alerts',
  async up(db) {
    await db.schema.createTable('csat_alerts', (t) => {
      t.uuid('tenant').notNullable();
      t.string('scope_type', 8).notNullable();
      // The agent or team id; 'org' for the organisation.
      t.string('scope_key', 36).notNullable();
      t.string('time_window', 8).notNullable();
      t.timestamp('period_start', { useTz: true }).notNullable();
      t.double('score').notNullable();
      t.double('baseline').nullable();
      t.double('threshold').notNullable();
      t.integer('responses').notNullable();
      t.timestamp('triggered_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'scope_type', 'scope_key', 'time_window', 'period_start']);
    });
  },
  async down(db) {
    await db.schema.dropTable('csat_alerts');
  },
};
