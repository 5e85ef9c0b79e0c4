import { Knex, Migration } from '../../../lib/kit';

const ts = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });

/** Surveys sent and their (at most one) response. */
export const surveysMigration: Migration = {
  name: 'surveys_001_surveys',
  async up(db) {
    await db.schema.createTable('surveys', (t) => {
      t.uuid('survey_id').primary();
      t.uuid('tenant').notNullable();
      t.string('survey_type', 16).notNullable();
      t.uuid('recipient_id').notNullable();
      t.uuid('ticket_id').nullable();
      t.uuid('agent_id').nullable();
      t.uuid('team_id').nullable();
      t.string('template_id', 100).nullable();
      t.string('channel', 32).notNullable();
      t.string('status', 16).notNullable();
      ts(t, 'sent_at').notNullable();
      ts(t, 'expires_at').notNullable();
      t.integer('reminders_sent').notNullable().defaultTo(0);
      t.integer('max_reminders').notNullable();
      ts(t, 'next_reminder_at').nullable();
      ts(t, 'responded_at').nullable();
      ts(t, 'expired_at').nullable();
      // One survey of a type per ticket: a redelivered or repeated close sends nothing twice.
      t.unique(['tenant', 'ticket_id', 'survey_type']);
      t.index(['status', 'next_reminder_at']);
      t.index(['status', 'expires_at']);
    });
    await db.schema.createTable('survey_responses', (t) => {
      t.uuid('response_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('survey_id').notNullable();
      t.string('survey_type', 16).notNullable();
      t.uuid('agent_id').nullable();
      t.uuid('team_id').nullable();
      t.double('score').notNullable();
      t.text('comment').nullable();
      ts(t, 'responded_at').notNullable();
      t.unique(['tenant', 'survey_id']);
      t.index(['tenant', 'survey_type', 'responded_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('survey_responses');
    await db.schema.dropTable('surveys');
  },
};
