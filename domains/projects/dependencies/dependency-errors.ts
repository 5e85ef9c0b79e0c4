import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

/** A dependency the graph cannot take: a task on itself, or tasks of two different projects. */
export class TaskDependencyInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'PROJECT_TASK_DEPENDENCY_INVALID', 'task dependency');
  }
}

/**
 * Adding the dependency would close a cycle, so none of the tasks on it could ever start. `cycle`
 * holds the task ids from the new predecessor back to itself; the message names them with titles.
 */
export class TaskDependencyCycleError extends DomainStateError {
  constructor(
    readonly predecessorTaskId: string,
    readonly successorTaskId: string,
    readonly cycle: string[],
    titles: ReadonlyMap<string, string>,
  ) {
    const named = (id: string) => `"${titles.get(id) ?? id}" (${id})`;
    super(
      `Task ${named(successorTaskId)} cannot depend on ${named(predecessorTaskId)}: it would close the cycle ${cycle.map(named).join(' → ')}`,
      'PROJECT_TASK_DEPENDENCY_CYCLE',
    );
  }
}

export class TaskDependencyNotFoundError extends DomainNotFoundError {
  constructor(predecessorTaskId: string, successorTaskId: string) {
    super('task dependency', `${predecessorTaskId} → ${successorTaskId}`, 'PROJECT_TASK_DEPENDENCY_NOT_FOUND');
  }
}
