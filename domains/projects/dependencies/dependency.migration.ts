import { Migration } from '../../../lib/kit';

/** Finish-to-start dependencies between tasks of one project. */
export const taskDependenciesMigration: Migration = {
  name: 'projects_003_task_dependencies',
  async up(db) {
    await db.schema.createTable('project_task_dependencies', (t) => {
      t.uuid('tenant').notNullable();
      t.uuid('project_id').notNullable().references('project_id').inTable('projects').onDelete('CASCADE');
      t.uuid('predecessor_task_id').notNullable().references('task_id').inTable('project_tasks').onDelete('CASCADE');
      t.uuid('successor_task_id').notNullable().references('task_id').inTable('project_tasks').onDelete('CASCADE');
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['predecessor_task_id', 'successor_task_id']);
      t.index(['tenant', 'successor_task_id']);
      t.index(['tenant', 'project_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('project_task_dependencies');
  },
};
