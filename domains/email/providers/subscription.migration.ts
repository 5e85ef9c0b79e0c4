import { Migration } from '../../../lib/kit';

/** When a mailbox's push subscription (Graph subscription, Gmail watch) lapses, and which sweep is renewing it. */
export const subscriptionExpiryMigration: Migration = {
  name: 'email_007_subscription_expiry',
  async up(db) {
    await db.schema.alterTable('email_providers', (t) => {
      t.timestamp('subscription_expires_at', { useTz: true });
      t.timestamp('renewal_claimed_until', { useTz: true });
    });
  },
  async down(db) {
    await db.schema.alterTable('email_providers', (t) => {
      t.dropColumn('renewal_claimed_until');
      t.dropColumn('subscription_expires_at');
    });
  },
};
