import { Migration } from '../../../lib/kit';
import { tenantColumn, timestamp, windowColumns } from '../migration-columns';

export const scheduleBlocksMigration: Migration = {
  name: 'scheduling_003_schedule_blocks',
  async up(db) {
    await db.schema.createTable('schedule_blocks', (t) => {
      t.uuid('schedule_block_id').primary();
      tenantColumn(t);
      t.string('owner_type', 8).notNullable();
      t.uuid('owner_id').notNullable();
      windowColumns(t);
      t.text('reason').nullable();
      t.uuid('created_by_user_id').notNullable();
      timestamp(t, 'created_at').notNullable();
      t.index(['tenant', 'owner_type', 'owner_id', 'start_at']);
    });
  },
  async down(db) {
    await db.schema.dropTable('schedule_blocks');
  },
};
