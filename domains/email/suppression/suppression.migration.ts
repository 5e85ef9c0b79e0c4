import { Migration } from '../../../lib/kit';

/** Addresses notification mail is no longer sent to, one row per address and reason. */
export const suppressionMigration: Migration = {
  name: 'email_002_suppressions',
  async up(db) {
    await db.schema.createTable('email_suppressions', (t) => {
      t.uuid('tenant').notNullable();
      t.string('email', 320).notNullable();
      t.string('reason', 40).notNullable();
      t.string('message_id', 255);
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'email', 'reason']);
    });
  },
  async down(db) {
    await db.schema.dropTable('email_suppressions');
  },
};
