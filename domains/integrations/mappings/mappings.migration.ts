import { Migration } from '../../../lib/kit';

/** Local record ↔ external id per integration and mapping type: one-to-one both ways (two unique keys). */
export const mappingsMigration: Migration = {
  name: 'integrations_004_external_mappings',
  async up(db) {
    await db.schema.createTable('integration_external_mappings', (t) => {
      t.uuid('mapping_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('integration_id').notNullable();
      t.string('mapping_type', 64).notNullable();
      t.string('local_id', 255).notNullable();
      t.string('external_id', 255).notNullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.unique(['tenant', 'integration_id', 'mapping_type', 'external_id'], { indexName: 'integration_mappings_external_unique' });
      t.unique(['tenant', 'integration_id', 'mapping_type', 'local_id'], { indexName: 'integration_mappings_local_unique' });
    });
  },
  async down(db) {
    await db.schema.dropTable('integration_external_mappings');
  },
};
