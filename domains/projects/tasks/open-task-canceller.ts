import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { CLOSED_TASK_STATUSES, TaskStatus, TaskStatusMove } from './task';

/**
 * Cancels a project's open tasks as the project is completed (forced) or canceled. The caller
 * holds the project row for update, so no task of the project changes meanwhile. Dependencies
 * never cross projects and every open task of the project is canceled here, so no one is left
 * blocked or unblocked: the blocked flags are simply cleared with the tasks.
 */
@injectable()
export class OpenTaskCanceller {
  constructor(private readonly uow: UnitOfWork) {}

  async cancelOpenTasks(projectId: string, byUserId: string, at: Date): Promise<TaskStatusMove[]> {
    const tenant = currentTenant('OpenTaskCanceller.cancelOpenTasks');
    const db = this.uow.db;
    const open: Array<{ task_id: string; status: TaskStatus }> = await db('project_tasks')
      .where({ project_id: projectId, tenant })
      .whereNotIn('status', CLOSED_TASK_STATUSES as string[])
      .orderBy(['created_at', 'task_id'])
      .select('task_id', 'status');
    if (!open.length) return [];
    await db('project_tasks')
      .where({ tenant })
      .whereIn('task_id', open.map((t) => t.task_id))
      .update({ status: 'canceled', is_blocked: false, updated_at: at });
    return open.map((t) => ({ taskId: t.task_id, projectId, previousStatus: t.status, newStatus: 'canceled', byUserId, at }));
  }
}
