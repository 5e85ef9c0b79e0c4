import { Migration } from '../../../lib/kit';

/**
 * Stripe deliveries handled, once per Stripe event id (unique: a retry or replay finds its row and
 * does nothing). `status` processed | parked (a refund before the payment it refunds: handled when
 * the payment arrives); `raw_body_ref` is the verified body in the blob store.
 */
export const stripeEventsMigration: Migration = {
  name: 'billing_205_stripe_events',
  async up(db) {
    await db.schema.createTable('billing_stripe_events', (t) => {
      t.uuid('tenant').notNullable();
      t.string('stripe_event_id', 255).notNullable();
      t.string('event_type', 128).notNullable();
      t.string('status', 16).notNullable();
      t.string('payment_intent_id', 255).nullable();
      t.string('raw_body_ref', 128).notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.timestamp('processed_at', { useTz: true }).nullable();
      t.primary(['tenant', 'stripe_event_id']);
      t.index(['tenant', 'status', 'payment_intent_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('billing_stripe_events');
  },
};
