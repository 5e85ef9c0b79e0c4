import { Knex, Migration } from '../../../lib/kit';

const ts = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });

/** One row per notification: one message to one recipient on one channel. */
export const notificationsMigration: Migration = {
  name: 'notifications_001_notifications',
  async up(db) {
    await db.schema.createTable('notifications', (t) => {
      t.uuid('notification_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('recipient_id').notNullable();
      t.string('channel', 16).notNullable();
      t.string('template_id', 100).nullable();
      t.text('subject').notNullable();
      t.text('body').notNullable();
      t.string('context_type', 50).nullable();
      t.uuid('context_id').nullable();
      // The event that caused it; with recipient and channel, the key that makes a redelivery a no-op.
      t.string('source_event_id', 64).nullable();
      t.string('status', 16).notNullable();
      t.text('address').nullable();
      t.integer('attempts').notNullable().defaultTo(1);
      t.string('provider_message_id', 200).nullable();
      t.string('error_code', 100).nullable();
      t.text('error_message').nullable();
      t.boolean('retryable').nullable();
      ts(t, 'sent_at').notNullable();
      ts(t, 'delivered_at').nullable();
      ts(t, 'failed_at').nullable();
      ts(t, 'read_at').nullable();
      t.string('read_client', 50).nullable();
      t.unique(['tenant', 'source_event_id', 'recipient_id', 'channel']);
      t.index(['tenant', 'recipient_id', 'channel', 'sent_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('notifications');
  },
};
