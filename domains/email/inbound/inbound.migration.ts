import { Migration } from '../../../lib/kit';

/**
 * Messages taken in, once per mailbox and Message-ID (a notification twice, or a re-fetch, finds
 * the row and emits nothing), with what they led to (outcome: reply, ticket_opened, report,
 * automatic, unknown_sender, no_routing, unparsable) and the raw MIME's blob key.
 */
export const inboundMigration: Migration = {
  name: 'email_006_inbound',
  async up(db) {
    await db.schema.createTable('email_inbound_messages', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('inbound_id').notNullable();
      t.uuid('provider_id').notNullable();
      t.string('message_id', 255).notNullable();
      t.string('thread_id', 255).notNullable();
      t.string('from_address', 320).notNullable();
      t.text('subject').notNullable();
      t.string('raw_mime_ref', 80).notNullable();
      t.string('outcome', 20).notNullable();
      t.uuid('ticket_id');
      t.string('matched_by', 20);
      t.text('skip_note');
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'inbound_id']);
      t.unique(['tenant', 'provider_id', 'message_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_inbound_messages');
  },
};
