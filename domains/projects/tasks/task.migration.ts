import { Migration } from '../../../lib/kit';

/** Project tasks, optionally in a phase, with their assignee and blocked state. */
export const projectTasksMigration: Migration = {
  name: 'projects_002_tasks',
  async up(db) {
    await db.schema.createTable('project_tasks', (t) => {
      t.uuid('task_id').primary();
      t.uuid('tenant').notNullable();
      t.uuid('project_id').notNullable().references('project_id').inTable('projects').onDelete('CASCADE');
      t.uuid('phase_id').nullable().references('phase_id').inTable('project_phases');
      t.string('title', 255).notNullable();
      t.text('description').nullable();
      t.string('status', 16).notNullable();
      t.string('due_date', 10).nullable();
      t.uuid('assignee_id').nullable();
      t.string('assignee_type', 8).nullable();
      // Kept equal to "open with an open predecessor" under the task's row lock; it only flips
      // through task-blocking.ts, which is what makes BLOCKED/UNBLOCKED fire once per transition.
      t.boolean('is_blocked').notNullable().defaultTo(false);
      t.uuid('created_by_user_id').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true }).nullable();
      t.uuid('completed_by_user_id').nullable();
      t.index(['tenant', 'project_id', 'status']);
    });
  },
  async down(db) {
    await db.schema.dropTable('project_tasks');
  },
};
