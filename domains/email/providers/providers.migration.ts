import { Migration } from '../../../lib/kit';

/**
 * Connected mailboxes. Credentials (access token, refresh token) and the Graph clientState are
 * sealed with the SecretBox, bound to the row's id; subscription_id is Graph's subscription (its
 * notifications name it), gmail_history_id the last Gmail history record taken in.
 */
export const providersMigration: Migration = {
  name: 'email_004_providers',
  async up(db) {
    await db.schema.createTable('email_providers', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('provider_id').notNullable();
      t.string('provider_type', 20).notNullable();
      t.string('name', 200).notNullable();
      t.string('mailbox', 320).notNullable();
      t.string('status', 20).notNullable();
      t.string('api_base_url', 500).notNullable();
      t.text('credentials_sealed');
      t.text('client_state_sealed');
      t.string('subscription_id', 255);
      t.string('gmail_history_id', 40);
      t.uuid('board_id');
      t.uuid('priority_id');
      t.timestamp('connected_at', { useTz: true }).notNullable();
      t.timestamp('disconnected_at', { useTz: true });
      t.text('disconnect_reason');
      t.primary(['tenant', 'provider_id']);
      t.index(['tenant', 'subscription_id']);
      t.index(['tenant', 'mailbox']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_providers');
  },
};
