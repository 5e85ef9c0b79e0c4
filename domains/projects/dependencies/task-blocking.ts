import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { BlockingChange, CLOSED_TASK_STATUSES, isClosedTaskStatus, Task, TaskStatus } from '../tasks/task';

/**
 * The blocked state of tasks, kept in `project_tasks.is_blocked`: a task is blocked while it is
 * open and at least one of its predecessors is open (finish-to-start). Every action that can
 * change that — a task closing or reopening, a dependency added or removed — calls `reconcile`
 * after its own write, which flips the flag under the task's row lock and reports each flip once.
 *
 * Why this is exactly once per transition, concurrent completions included (PostgreSQL, READ
 * COMMITTED): two predecessors of one task completed at the same moment each update their own row
 * first, then lock the dependent. The second to get the lock reads the predecessors with a fresh
 * snapshot, taken after the first committed, so exactly one of them sees no open predecessor
 * left and flips the flag. SQLite has one writer, which serialises the actions anyway.
 */
@injectable()
export class TaskBlocking {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * After `task` moved from `previous` to its current status: when it closed or reopened, its
   * dependents (and the task itself) are reconciled. Other moves change no one's blocked state.
   */
  async afterStatusMove(task: Task, previous: TaskStatus, at: Date): Promise<BlockingChange[]> {
    if (isClosedTaskStatus(previous) === isClosedTaskStatus(task.status)) return [];
    return this.reconcile([task.id, ...(await this.dependentsOf(task.id))], task.id, at);
  }

  /**
   * Brings `is_blocked` of `taskIds` in line with their predecessors, locking their rows in id
   * order (so two reconciles never wait on each other in a circle) and reporting each task whose
   * state flipped. `causeTaskId` is the task whose change led here: the predecessor that closed,
   * reopened or had its dependency added or removed, or the task itself when it reopened.
   *
   * A task that closes while blocked (canceled) leaves the blocked state without an UNBLOCKED:
   * no dependency cleared, the task just no longer waits.
   */
  async reconcile(taskIds: string[], causeTaskId: string, at: Date): Promise<BlockingChange[]> {
    if (!taskIds.length) return [];
    const tenant = currentTenant('TaskBlocking.reconcile');
    const db = this.uow.db;
    const rows = await db('project_tasks')
      .where({ tenant })
      .whereIn('task_id', [...new Set(taskIds)])
      .orderBy('task_id')
      .modify(forUpdate(db))
      .select('task_id', 'project_id', 'status', 'is_blocked');
    const changes: BlockingChange[] = [];
    for (const row of rows) {
      const open = !isClosedTaskStatus(row.status);
      // A new statement after the lock: on PostgreSQL it sees every predecessor change committed before it.
      const openPredecessorIds = open ? await this.openPredecessorsOf(row.task_id) : [];
      const blocked = openPredecessorIds.length > 0;
      if (blocked === Boolean(row.is_blocked)) continue;
      await db('project_tasks').where({ task_id: row.task_id, tenant }).update({ is_blocked: blocked });
      if (!open) continue;
      const byTaskId = blocked && !openPredecessorIds.includes(causeTaskId) ? openPredecessorIds[0] : causeTaskId;
      changes.push({ taskId: row.task_id, projectId: row.project_id, blocked, byTaskId, openPredecessorIds, at });
    }
    return changes;
  }

  /** Tasks that depend on `taskId`. */
  async dependentsOf(taskId: string): Promise<string[]> {
    return this.uow
      .db('project_task_dependencies')
      .where({ predecessor_task_id: taskId, tenant: currentTenant('TaskBlocking.dependentsOf') })
      .orderBy('successor_task_id')
      .pluck('successor_task_id');
  }

  /** Predecessors of `taskId` that are neither done nor canceled, in the order their dependencies were added. */
  async openPredecessorsOf(taskId: string): Promise<string[]> {
    const tenant = currentTenant('TaskBlocking.openPredecessorsOf');
    return this.uow
      .db('project_task_dependencies as d')
      .join('project_tasks as p', (j) => j.on('p.task_id', 'd.predecessor_task_id').andOn('p.tenant', 'd.tenant'))
      .where({ 'd.successor_task_id': taskId, 'd.tenant': tenant })
      .whereNotIn('p.status', CLOSED_TASK_STATUSES as string[])
      .orderBy(['d.created_at', 'd.predecessor_task_id'])
      .pluck('d.predecessor_task_id');
  }
}
