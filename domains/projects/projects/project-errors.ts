import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { ProjectStatus } from './project';
import { nextProjectStatuses } from './project-lifecycle';

/** Refusals of the projects domain; each carries a stable `code` for API callers. */

export class ProjectNotFoundError extends DomainNotFoundError {
  constructor(readonly projectId: string) {
    super('project', projectId);
  }
}

export class ProjectPhaseNotFoundError extends DomainNotFoundError {
  constructor(readonly phaseId: string) {
    super('project phase', phaseId, 'PROJECT_PHASE_NOT_FOUND');
  }
}

/** Input a project action refuses; `field` names it (`name`, `dueDate`, …). */
export class ProjectInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'PROJECT_INPUT_INVALID', 'project input');
  }
}

/** A lifecycle move the project's status does not allow (reopening a canceled project, …). */
export class ProjectStatusTransitionError extends DomainStateError {
  constructor(
    readonly projectId: string,
    readonly from: ProjectStatus,
    readonly to: ProjectStatus,
  ) {
    const next = nextProjectStatuses(from);
    super(`Project ${projectId} cannot move from ${from} to ${to}: ${next.length ? `a ${from} project can move to ${next.join(', ')}` : `${from} is final`}`, 'PROJECT_STATUS_TRANSITION');
  }
}

/** Completing a project whose tasks are not all done or canceled, without `force`. */
export class ProjectHasOpenTasksError extends DomainStateError {
  constructor(
    readonly projectId: string,
    readonly openTaskIds: string[],
  ) {
    super(
      `Project ${projectId} still has ${openTaskIds.length} open task(s) (${openTaskIds.join(', ')}): finish or cancel them, or complete with force to cancel them`,
      'PROJECT_HAS_OPEN_TASKS',
    );
  }
}

/** The project is completed or canceled: it takes no new tasks, task changes or dependencies. */
export class ProjectClosedError extends DomainStateError {
  constructor(
    readonly projectId: string,
    readonly status: ProjectStatus,
    action: string,
  ) {
    super(`Cannot ${action}: project ${projectId} is ${status}`, 'PROJECT_CLOSED');
  }
}
