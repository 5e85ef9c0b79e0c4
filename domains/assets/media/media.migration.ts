import { Migration } from '../../../lib/kit';

/** Uploaded media files, their renditions (thumbnail, preview) and per-tenant upload limits. */
export const mediaMigration: Migration = {
  name: 'assets_002_media',
  async up(db) {
    await db.schema.createTable('media_files', (t) => {
      t.uuid('file_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('asset_id').nullable();
      t.string('file_name', 255).notNullable();
      t.string('content_type', 127).notNullable();
      t.bigInteger('size_bytes').notNullable();
      t.string('storage_key', 80).notNullable();
      t.uuid('uploaded_by_user_id').notNullable();
      t.timestamp('uploaded_at', { useTz: true }).notNullable();
      t.string('status', 16).notNullable();
      t.integer('width').nullable();
      t.integer('height').nullable();
      t.timestamp('processed_at', { useTz: true }).nullable();
      t.string('error_code', 64).nullable();
      t.text('error_message').nullable();
      t.boolean('retryable').nullable();
      t.index(['tenant', 'asset_id']);
      t.index(['storage_key']);
    });
    await db.schema.createTable('media_renditions', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('file_id').notNullable();
      t.string('kind', 16).notNullable();
      t.string('storage_key', 80).notNullable();
      t.string('content_type', 127).notNullable();
      t.bigInteger('size_bytes').notNullable();
      t.integer('width').notNullable();
      t.integer('height').notNullable();
      t.primary(['tenant', 'file_id', 'kind']);
      t.index(['storage_key']);
    });
    await db.schema.createTable('media_upload_limits', (t) => {
      t.uuid('tenant').primary();
      t.bigInteger('max_bytes').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('media_upload_limits');
    await db.schema.dropTable('media_renditions');
    await db.schema.dropTable('media_files');
  },
};
