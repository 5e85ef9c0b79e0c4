import { Migration } from '../uow/migrator';

export const workerMigration: Migration = {
  name: '000_core_workflow_runtime',
  async up(db) {
    await db.schema.createTable('workflow_runtime_events', (t) => {
      t.uuid('event_id').primary();
      t.uuid('tenant').notNullable();
      t.string('event_type', 128).notNullable();
      t.string('payload_schema_ref', 160).notNullable();
      t.jsonb('payload').notNullable();
      t.string('stream_id', 64).nullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.string('status', 16).notNullable();
      t.text('error_message').nullable();
      t.index(['tenant', 'event_type']);
    });
    await db.schema.createTable('event_handler_receipts', (t) => {
      t.string('handler', 200).notNullable();
      t.uuid('event_id').notNullable();
      t.timestamp('handled_at', { useTz: true }).notNullable();
      t.primary(['handler', 'event_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('event_handler_receipts');
    await db.schema.dropTable('workflow_runtime_events');
  },
};
