import { iso, when } from '../../../lib/kit';
import { DONE_TASK_STATUSES, Task, TaskAssignee, TaskAssignment, TaskStatusChange, TaskStatusMove } from './task';

/** Task results → payloads of PROJECT_TASK_CREATED, _ASSIGNED, _STATUS_CHANGED and _COMPLETED. */

export const taskCreated = (t: Task) => ({
  taskId: t.id,
  projectId: t.projectId,
  createdByUserId: t.createdByUserId,
  createdAt: iso(t.createdAt),
  title: t.title,
  dueDate: t.dueDate,
  status: t.status,
});

const assignment = (t: Task, to: TaskAssignee, byUserId: string, at: Date) => ({
  taskId: t.id,
  projectId: t.projectId,
  assignedToId: to.id,
  assignedToType: to.type,
  assignedByUserId: byUserId,
  assignedAt: iso(at),
});

/** A task created with an assignee was assigned as it was created. */
export const taskAssignedOnCreate = when((t: Task) => !!t.assignee, (t) => assignment(t, t.assignee!, t.createdByUserId, t.createdAt));

export const taskAssigned = when((a: TaskAssignment) => a.assigned, (a) => assignment(a.task, a.task.assignee!, a.byUserId, a.at));

/** One PROJECT_TASK_STATUS_CHANGED payload per move. */
export const statusMoved = (m: TaskStatusMove) => ({
  taskId: m.taskId,
  projectId: m.projectId,
  previousStatus: m.previousStatus,
  newStatus: m.newStatus,
  actorUserId: m.byUserId,
  changedAt: iso(m.at),
});

export const taskStatusChanged = (c: TaskStatusChange) => (c.move ? statusMoved(c.move) : undefined);

const reachedDone = (m: TaskStatusMove | undefined): m is TaskStatusMove =>
  !!m && DONE_TASK_STATUSES.includes(m.newStatus) && !DONE_TASK_STATUSES.includes(m.previousStatus);

export const taskCompleted = when(
  (c: TaskStatusChange) => reachedDone(c.move),
  (c) => ({ taskId: c.task.id, projectId: c.task.projectId, completedByUserId: c.move!.byUserId, completedAt: iso(c.move!.at) }),
);
