import { Knex, Migration } from '../../../lib/kit';

const at = (t: Knex.CreateTableBuilder, name: string) => t.timestamp(name, { useTz: true });

/** Sync runs (at most one running per connection) and the local copy of the provider's records they maintain. */
export const syncMigration: Migration = {
  name: 'integrations_002_sync',
  async up(db) {
    await db.schema.createTable('integration_sync_runs', (t) => {
      t.uuid('sync_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('connection_id').notNullable();
      t.uuid('integration_id').notNullable();
      t.string('status', 16).notNullable();
      t.text('scope').nullable();
      t.uuid('initiated_by_user_id').nullable();
      at(t, 'started_at').notNullable();
      // Written after every page: a running run whose heartbeat stops was abandoned (its process died).
      at(t, 'heartbeat_at').notNullable();
      at(t, 'finished_at').nullable();
      t.integer('duration_ms').nullable();
      t.integer('created_count').nullable();
      t.integer('updated_count').nullable();
      t.integer('deleted_count').nullable();
      t.integer('skipped_count').nullable();
      t.text('warnings').nullable();
      t.string('error_code', 64).nullable();
      t.text('error_message').nullable();
      t.boolean('retryable').nullable();
      t.index(['tenant', 'connection_id', 'started_at']);
      t.index(['status', 'heartbeat_at']);
    });
    // One running run per connection, whichever process starts it (a partial unique index: PostgreSQL and SQLite).
    await db.raw(`CREATE UNIQUE INDEX integration_sync_runs_one_running ON integration_sync_runs (tenant, connection_id) WHERE status = 'running'`);
    await db.schema.createTable('integration_synced_records', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('connection_id').notNullable();
      t.string('record_type', 64).notNullable();
      t.string('external_id', 255).notNullable();
      t.string('content_hash', 64).nullable();
      t.text('data').nullable();
      at(t, 'first_synced_at').notNullable();
      at(t, 'last_synced_at').notNullable();
      at(t, 'deleted_at').nullable();
      t.uuid('last_sync_id').notNullable();
      t.primary(['tenant', 'connection_id', 'record_type', 'external_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('integration_synced_records');
    await db.schema.dropTable('integration_sync_runs');
  },
};
