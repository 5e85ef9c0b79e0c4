import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { TaskStatus } from './task';

export class ProjectTaskNotFoundError extends DomainNotFoundError {
  constructor(readonly taskId: string) {
    super('project task', taskId, 'PROJECT_TASK_NOT_FOUND');
  }
}

/** Input a task action refuses; `field` names it (`title`, `assignee.type`, `status`, …). */
export class ProjectTaskInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'PROJECT_TASK_INPUT_INVALID', 'project task input');
  }
}

/** The task's status does not allow the action (assigning a canceled task, …). */
export class ProjectTaskStateError extends DomainStateError {
  constructor(
    readonly taskId: string,
    readonly status: TaskStatus,
    action: string,
  ) {
    super(`Cannot ${action} task ${taskId}: it is ${status}`, 'PROJECT_TASK_STATE');
  }
}

/**
 * Finish-to-start: a task whose predecessors are not all done or canceled cannot start, go to
 * review or be completed. Names the open predecessors.
 */
export class ProjectTaskBlockedError extends DomainStateError {
  readonly taskId: string;
  readonly blockedByTaskIds: string[];

  constructor(
    task: TaskRef,
    readonly to: TaskStatus,
    blockers: TaskRef[],
  ) {
    super(`Task ${named(task)} cannot move to ${to}: it waits for unfinished predecessor(s) ${blockers.map(named).join(', ')}`, 'PROJECT_TASK_BLOCKED');
    this.taskId = task.id;
    this.blockedByTaskIds = blockers.map((b) => b.id);
  }
}

/** A task as error messages name it. */
export interface TaskRef {
  id: string;
  title: string;
}

const named = (t: TaskRef) => `"${t.title}" (${t.id})`;
