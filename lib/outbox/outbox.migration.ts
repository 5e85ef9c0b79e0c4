import { Migration } from '../uow/migrator';

export const outboxMigration: Migration = {
  name: '000_core_event_outbox',
  async up(db) {
    await db.schema.createTable('event_outbox', (t) => {
      t.bigIncrements('seq').primary();
      t.uuid('event_id').notNullable().unique();
      t.string('event_type', 128).notNullable();
      t.string('schema_ref', 160).notNullable();
      t.uuid('tenant').notNullable();
      t.jsonb('payload').notNullable();
      t.jsonb('headers').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('published_at', { useTz: true }).nullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('last_error').nullable();
    });
    // The relay's hot query: unpublished rows in seq order.
    await db.schema.raw('CREATE INDEX event_outbox_unpublished ON event_outbox (seq) WHERE published_at IS NULL');
  },
  async down(db) {
    await db.schema.dropTable('event_outbox');
  },
};

/** One relay per SQLite file: the holder of this lease (renewed on every drain) is the one that publishes. */
export const relayLeaseMigration: Migration = {
  name: '001_core_relay_lease',
  async up(db) {
    await db.schema.createTable('wfe_relay_lease', (t) => {
      t.string('name', 64).primary();
      t.string('holder', 128).notNullable();
      t.bigInteger('expires_at').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('wfe_relay_lease');
  },
};
