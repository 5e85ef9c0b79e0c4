import { Migration } from '../../../lib/kit';

/**
 * Who wants what: channels per recipient and topic, where each channel reaches them, and which
 * users watch a team's tickets (a ticket assigned to a team notifies its watchers).
 */
export const notificationPreferencesMigration: Migration = {
  name: 'notifications_002_preferences',
  async up(db) {
    await db.schema.createTable('notification_preferences', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('recipient_id').notNullable();
      t.string('topic', 50).notNullable();
      // JSON array of channels; an empty array mutes the topic.
      t.text('channels').notNullable();
      t.primary(['tenant', 'recipient_id', 'topic']);
    });
    await db.schema.createTable('notification_addresses', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('recipient_id').notNullable();
      t.string('channel', 16).notNullable();
      t.text('address').notNullable();
      t.primary(['tenant', 'recipient_id', 'channel']);
    });
    await db.schema.createTable('notification_team_watchers', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('team_id').notNullable();
      t.uuid('user_id').notNullable();
      t.primary(['tenant', 'team_id', 'user_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('notification_team_watchers');
    await db.schema.dropTable('notification_addresses');
    await db.schema.dropTable('notification_preferences');
  },
};
