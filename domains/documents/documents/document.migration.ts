import { Migration } from '../../../lib/kit';

/** Documents (soft-deleted: the row stays for the record, the bytes go once unreferenced) and their links to records. */
export const documentsMigration: Migration = {
  name: 'documents_001_documents',
  async up(db) {
    await db.schema.createTable('documents', (t) => {
      t.uuid('document_id').primary();
      t.uuid('tenant').notNullable();
      t.string('file_name', 255).notNullable();
      t.string('content_type', 127).notNullable();
      t.bigInteger('size_bytes').notNullable();
      t.string('storage_key', 80).notNullable();
      t.uuid('uploaded_by_user_id').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.string('source_type', 32).nullable();
      t.uuid('source_id').nullable();
      t.timestamp('deleted_at', { useTz: true }).nullable();
      t.uuid('deleted_by_user_id').nullable();
      t.text('delete_reason').nullable();
      t.index(['tenant', 'source_type', 'source_id']);
      t.index(['storage_key']);
    });
    await db.schema.createTable('document_associations', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('document_id').notNullable();
      t.string('entity_type', 16).notNullable();
      t.uuid('entity_id').notNullable();
      t.uuid('associated_by_user_id').notNullable();
      t.timestamp('associated_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'document_id', 'entity_type', 'entity_id']);
      t.index(['tenant', 'entity_type', 'entity_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('document_associations');
    await db.schema.dropTable('documents');
  },
};
