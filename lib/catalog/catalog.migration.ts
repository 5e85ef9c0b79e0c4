import { Knex } from 'knex';
import { Migration } from '../uow/migrator';

function catalogColumns(t: Knex.CreateTableBuilder): void {
  t.uuid('event_id').primary();
  t.string('event_type', 128).notNullable();
  t.string('name').notNullable();
  t.text('description').notNullable();
  t.string('category', 64).notNullable();
  t.string('module', 64).nullable();
  t.string('status', 16).notNullable();
  t.string('payload_schema_ref', 160).notNullable();
  t.jsonb('payload_schema').notNullable();
  t.jsonb('emitters').notNullable();
  t.jsonb('superseded_by').nullable();
  t.text('rationale').nullable();
  t.timestamp('created_at', { useTz: true }).notNullable();
  t.timestamp('updated_at', { useTz: true }).notNullable();
}

export const catalogMigration: Migration = {
  name: '000_core_event_catalog',
  async up(db) {
    await db.schema.createTable('system_event_catalog', (t) => {
      catalogColumns(t);
      t.unique(['event_type']);
    });
    // Tenant-defined events live beside the system ones.
    await db.schema.createTable('event_catalog', (t) => {
      catalogColumns(t);
      t.uuid('tenant').notNullable();
      t.boolean('is_system_event').notNullable().defaultTo(false);
      t.unique(['tenant', 'event_type']);
    });
  },
  async down(db) {
    await db.schema.dropTable('event_catalog');
    await db.schema.dropTable('system_event_catalog');
  },
};
