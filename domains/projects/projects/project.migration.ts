import { Migration } from '../../../lib/kit';

/** Projects (one per client engagement) and their ordered phases. */
export const projectsMigration: Migration = {
  name: 'projects_001_projects',
  async up(db) {
    await db.schema.createTable('projects', (t) => {
      t.uuid('project_id').primary();
      t.uuid('tenant').notNullable();
      // The CRM module's client; no foreign key while CRM lives in its own module.
      t.uuid('client_id').notNullable();
      t.string('name', 255).notNullable();
      t.text('description').nullable();
      t.string('status', 16).notNullable();
      t.uuid('manager_user_id').nullable();
      // Calendar dates as YYYY-MM-DD text: no time zone can shift them.
      t.string('start_date', 10).nullable();
      t.string('due_date', 10).nullable();
      t.uuid('created_by_user_id').nullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true }).nullable();
      t.index(['tenant', 'client_id']);
      t.index(['tenant', 'status']);
    });
    await db.schema.createTable('project_phases', (t) => {
      t.uuid('phase_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('project_id').notNullable().references('project_id').inTable('projects').onDelete('CASCADE');
      t.string('name', 255).notNullable();
      t.integer('order_number').notNullable();
      t.unique(['tenant', 'project_id', 'name']);
      t.unique(['tenant', 'project_id', 'order_number']);
    });
  },
  async down(db) {
    await db.schema.dropTable('project_phases');
    await db.schema.dropTable('projects');
  },
};
