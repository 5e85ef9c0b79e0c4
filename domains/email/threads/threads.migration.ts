import { Migration } from '../../../lib/kit';

/** Every Message-ID we sent or took in, with its thread and ticket: what In-Reply-To / References match against. */
export const threadsMigration: Migration = {
  name: 'email_003_message_index',
  async up(db) {
    await db.schema.createTable('email_message_index', (t) => {
      t.uuid('tenant').notNullable();
      t.string('message_id', 255).notNullable();
      t.string('thread_id', 255).notNullable();
      t.uuid('ticket_id');
      t.string('direction', 10).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'message_id']);
      t.index(['tenant', 'ticket_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_message_index');
  },
};
