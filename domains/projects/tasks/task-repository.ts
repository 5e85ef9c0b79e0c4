import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { looksLikeId } from '../input-checks';
import { CLOSED_TASK_STATUSES, Task } from './task';
import { ProjectTaskNotFoundError } from './task-errors';
import { toTask } from './task-rows';

/** Tenant-scoped reads of project tasks, through the current transaction. */
@injectable()
export class TaskRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** `forUpdate` locks the task row until commit (PostgreSQL), so concurrent changes of one task queue up. */
  async get(taskId: string, { forUpdate: lock = false } = {}): Promise<Task> {
    if (!looksLikeId(taskId)) throw new ProjectTaskNotFoundError(taskId);
    const db = this.uow.db;
    const row = await db('project_tasks')
      .where({ task_id: taskId.toLowerCase(), tenant: currentTenant('TaskRepository.get') })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new ProjectTaskNotFoundError(taskId);
    return toTask(row);
  }

  /** The project's tasks, oldest first. */
  async ofProject(projectId: string): Promise<Task[]> {
    const rows = await this.uow.db('project_tasks').where({ project_id: projectId, tenant: currentTenant('TaskRepository.ofProject') }).orderBy(['created_at', 'task_id']);
    return rows.map(toTask);
  }

  /** Ids of the project's tasks that are neither done nor canceled. */
  async openTaskIds(projectId: string): Promise<string[]> {
    return this.uow
      .db('project_tasks')
      .where({ project_id: projectId, tenant: currentTenant('TaskRepository.openTaskIds') })
      .whereNotIn('status', CLOSED_TASK_STATUSES as string[])
      .orderBy(['created_at', 'task_id'])
      .pluck('task_id');
  }
}
