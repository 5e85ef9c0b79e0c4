import { Migration } from '../../../lib/kit';

/** Assets, the sites that can hold them, and the warranty notices already sent (one per asset and end date). */
export const assetsMigration: Migration = {
  name: 'assets_001_assets',
  async up(db) {
    await db.schema.createTable('asset_sites', (t) => {
      t.uuid('site_id').primary();
      t.uuid('tenant').notNullable();
      t.string('name', 200).notNullable();
      t.uuid('client_id').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['tenant', 'client_id']);
    });
    await db.schema.createTable('assets', (t) => {
      t.uuid('asset_id').primary();
      t.uuid('tenant').notNullable();
      t.string('name', 200).notNullable();
      t.string('asset_type', 100).nullable();
      t.string('serial_number', 100).nullable();
      t.uuid('client_id').nullable();
      t.string('owner_type', 16).nullable();
      t.uuid('owner_id').nullable();
      t.timestamp('warranty_expires_at', { useTz: true }).nullable();
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.index(['tenant', 'client_id']);
      t.index(['tenant', 'owner_type', 'owner_id']);
      t.index(['warranty_expires_at']);
    });
    await db.schema.createTable('asset_warranty_notices', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('asset_id').notNullable();
      t.timestamp('warranty_expires_at', { useTz: true }).notNullable();
      t.timestamp('notified_at', { useTz: true }).notNullable();
      t.primary(['tenant', 'asset_id', 'warranty_expires_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('asset_warranty_notices');
    await db.schema.dropTable('assets');
    await db.schema.dropTable('asset_sites');
  },
};
