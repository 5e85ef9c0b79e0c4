import { Migration } from '../../../lib/kit';

/**
 * The send queue: one row per outgoing message, with its content, threading headers, attempt
 * state (queued → sending → sent | failed, or back to queued with next_attempt_at) and the tokens
 * that route replies (reply_token) and bounces (envelope_token) back to it.
 */
export const outboundMigration: Migration = {
  name: 'email_001_outbound',
  async up(db) {
    await db.schema.createTable('email_outbound_messages', (t) => {
      t.uuid('tenant').notNullable();
      t.string('message_id', 255).notNullable();
      t.string('kind', 20).notNullable();
      t.string('from_address', 320).notNullable();
      t.text('to_addresses').notNullable();
      t.text('cc_addresses').notNullable();
      t.text('subject').notNullable();
      t.text('text_body').notNullable();
      t.text('html_body');
      t.text('extra_headers').notNullable();
      t.uuid('ticket_id');
      t.string('thread_id', 255);
      t.string('in_reply_to', 255);
      t.text('references_ids').notNullable();
      t.string('reply_token', 40).notNullable();
      t.string('envelope_token', 40).notNullable();
      t.string('status', 20).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true });
      t.string('provider_message_id', 255);
      t.string('last_error_code', 40);
      t.text('last_error_message');
      t.timestamp('queued_at', { useTz: true }).notNullable();
      t.timestamp('sent_at', { useTz: true });
      t.timestamp('failed_at', { useTz: true });
      t.primary(['tenant', 'message_id']);
      t.index(['tenant', 'status', 'next_attempt_at']);
      t.unique(['tenant', 'reply_token']);
      t.unique(['tenant', 'envelope_token']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_outbound_messages');
  },
};
