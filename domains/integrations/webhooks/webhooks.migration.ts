import { Migration } from '../../../lib/kit';

/** Webhook deliveries received, one row per connection and delivery id (replays find theirs and emit nothing). */
export const webhooksMigration: Migration = {
  name: 'integrations_003_webhooks',
  async up(db) {
    await db.schema.createTable('integration_webhook_deliveries', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('connection_id').notNullable();
      t.string('webhook_id', 255).notNullable();
      t.string('event_name', 255).notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.string('raw_payload_ref', 80).notNullable();
      t.primary(['tenant', 'connection_id', 'webhook_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('integration_webhook_deliveries');
  },
};
