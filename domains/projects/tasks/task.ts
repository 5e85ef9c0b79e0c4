/** The project tasks model as services return it and mappers read it. */

/**
 * A task's statuses. `done` is the one done status (it emits PROJECT_TASK_COMPLETED); `done` and
 * `canceled` close a task, and a closed task no longer blocks the tasks that depend on it.
 */
export const TASK_STATUSES = ['todo', 'in_progress', 'in_review', 'done', 'canceled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const DONE_TASK_STATUSES: readonly TaskStatus[] = ['done'];
export const CLOSED_TASK_STATUSES: readonly TaskStatus[] = ['done', 'canceled'];
/** Statuses that mean work on the task goes on: a blocked task may not move into them. */
export const WORKING_TASK_STATUSES: readonly TaskStatus[] = ['in_progress', 'in_review', 'done'];

export const isClosedTaskStatus = (s: TaskStatus): boolean => CLOSED_TASK_STATUSES.includes(s);

export const ASSIGNEE_TYPES = ['user', 'team'] as const;
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];

export interface TaskAssignee {
  id: string;
  type: AssigneeType;
}

export interface Task {
  id: string;
  tenantId: string;
  projectId: string;
  phaseId?: string;
  title: string;
  description?: string;
  status: TaskStatus;
  /** YYYY-MM-DD. */
  dueDate?: string;
  assignee?: TaskAssignee;
  /** Open, with at least one open predecessor (finish-to-start): it may not start or finish yet. */
  blocked: boolean;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
  completedByUserId?: string;
}

export interface CreateTaskInput {
  title: string;
  description?: string;
  /** A phase of the same project; without one the task sits outside any phase. */
  phaseId?: string;
  dueDate?: string;
  assignee?: TaskAssignee;
}

/** One task moving from one status to another, as PROJECT_TASK_STATUS_CHANGED reports it. */
export interface TaskStatusMove {
  taskId: string;
  projectId: string;
  previousStatus: TaskStatus;
  newStatus: TaskStatus;
  /** The internal user who moved it. */
  byUserId: string;
  at: Date;
}

/** A task entering or leaving the blocked state because of `byTaskId` (see task-blocking.ts). */
export interface BlockingChange {
  taskId: string;
  projectId: string;
  blocked: boolean;
  /** The predecessor whose change (or whose dependency's addition or removal) caused it. */
  byTaskId: string;
  /** The predecessors still open after the change (empty when unblocked). */
  openPredecessorIds: string[];
  at: Date;
}

/** What `TaskService.changeStatus` did; `move` is absent when the status was already the one asked for. */
export interface TaskStatusChange {
  task: Task;
  move?: TaskStatusMove;
  /** Dependents (and the task itself, when reopened) that became blocked or unblocked. */
  blocking: BlockingChange[];
}

/** What `TaskService.assign` did; `assigned` is false when the task already had that assignee. */
export interface TaskAssignment {
  task: Task;
  previous?: TaskAssignee;
  assigned: boolean;
  byUserId: string;
  at: Date;
}
