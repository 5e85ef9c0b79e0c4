import { iso } from '../../../lib/kit';
import { BlockingChange } from '../tasks/task';

/**
 * Blocking changes → PROJECT_TASK_DEPENDENCY_BLOCKED / _UNBLOCKED payloads, one per task that
 * flipped. Any result with a `blocking` list maps (status changes, dependency changes).
 */

export const tasksBlocked = (r: { blocking: BlockingChange[] }) =>
  r.blocking.filter((b) => b.blocked).map((b) => ({ taskId: b.taskId, projectId: b.projectId, blockedByTaskId: b.byTaskId, blockedAt: iso(b.at) }));

export const tasksUnblocked = (r: { blocking: BlockingChange[] }) =>
  r.blocking.filter((b) => !b.blocked).map((b) => ({ taskId: b.taskId, projectId: b.projectId, unblockedByTaskId: b.byTaskId, unblockedAt: iso(b.at) }));
