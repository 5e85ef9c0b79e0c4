import { Migration } from '../../../lib/kit';

/**
 * What recipients' servers and sending services reported about messages we sent: one row per
 * message, recipient and kind (delivered, bounced, complaint), so a repeated report emits nothing;
 * and the sending-service webhook deliveries seen (their ids), for replay protection.
 */
export const deliveryMigration: Migration = {
  name: 'email_005_delivery_reports',
  async up(db) {
    await db.schema.createTable('email_delivery_reports', (t) => {
      t.uuid('tenant').notNullable();
      t.string('message_id', 255).notNullable();
      t.string('recipient', 320).notNullable();
      t.string('kind', 20).notNullable();
      t.string('source', 20).notNullable();
      t.string('bounce_type', 10);
      t.string('status_code', 40);
      t.text('detail');
      t.string('raw_ref', 80);
      t.timestamp('reported_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'message_id', 'recipient', 'kind']);
    });
    await db.schema.createTable('email_sending_services', (t) => {
      t.uuid('tenant').notNullable();
      t.string('service', 20).notNullable();
      t.text('verification_key_sealed').notNullable();
      t.timestamp('configured_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'service']);
    });
    await db.schema.createTable('email_webhook_deliveries', (t) => {
      t.uuid('tenant').notNullable();
      t.string('service', 20).notNullable();
      t.string('delivery_id', 255).notNullable();
      t.string('raw_ref', 80).notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'service', 'delivery_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_webhook_deliveries');
    await db.schema.dropTable('email_sending_services');
    await db.schema.dropTable('email_delivery_reports');
  },
};
