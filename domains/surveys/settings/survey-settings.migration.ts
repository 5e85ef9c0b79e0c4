import { Migration } from '../../../lib/kit';

/** A tenant's survey rules (a tenant without a row uses the defaults of SurveySettings). */
export const surveySettingsMigration: Migration = {
  name: 'surveys_002_settings',
  async up(db) {
    await db.schema.createTable('survey_settings', (t) => {
      t.uuid('tenant').primary();
      t.integer('valid_days').notNullable();
      t.integer('reminder_interval_hours').notNullable();
      t.integer('max_reminders').notNullable();
      t.boolean('csat_on_close').notNullable();
      t.double('csat_threshold').notNullable();
      t.double('csat_max_drop').nullable();
      t.integer('csat_min_responses').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('survey_settings');
  },
};
