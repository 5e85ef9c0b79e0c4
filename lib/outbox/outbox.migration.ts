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

/**
 * The relay's bookkeeping: the stream id each row was published as (to publish again what a Redis
 * that lost its data no longer has), and the lease that makes one relay per SQLite file.
 */
export const relayMigration: Migration = {
  name: '001_core_outbox_relay',
  async up(db) {
    await db.schema.alterTable('event_outbox', (t) => {
      t.string('stream_id', 64).nullable();
    });
    await db.schema.createTable('wfe_relay_lease', (t) => {
      t.string('name', 64).primary();
      t.string('holder', 128).notNullable();
      t.bigInteger('expires_at').notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('wfe_relay_lease');
    await db.schema.alterTable('event_outbox', (t) => t.dropColumn('stream_id'));
  },
};

/**
 * Partitions (docs/scaling.md): each row's partition, from its ordering key at staging; the relay
 * of a partition reads its unpublished rows in seq order. Rows staged before this migration, and
 * every row of an unpartitioned runtime, are partition 0.
 */
export const partitionMigration: Migration = {
  name: '002_core_outbox_partitions',
  async up(db) {
    await db.schema.alterTable('event_outbox', (t) => {
      t.integer('partition').notNullable().defaultTo(0);
    });
    await db.schema.raw('CREATE INDEX event_outbox_partition_unpublished ON event_outbox (partition, seq) WHERE published_at IS NULL');
  },
  async down(db) {
    await db.schema.raw('DROP INDEX event_outbox_partition_unpublished');
    await db.schema.alterTable('event_outbox', (t) => t.dropColumn('partition'));
  },
};
