import { Migration } from '../../../lib/kit';

/** Delivery receipts taken from gateways, by their webhook id: a replayed receipt is recognised. */
export const gatewayReceiptsMigration: Migration = {
  name: 'notifications_003_gateway_receipts',
  async up(db) {
    await db.schema.createTable('notification_gateway_receipts', (t) => {
      t.uuid('tenant').notNullable();
      t.string('webhook_id', 200).notNullable();
      t.string('channel', 16).notNullable();
      t.string('provider_message_id', 200).notNullable();
      t.string('status', 16).notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'webhook_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('notification_gateway_receipts');
  },
};
