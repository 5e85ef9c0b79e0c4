import { FieldChanges } from '../../../lib/kit';
import { TaskStatusMove } from '../tasks/task';

/** The projects domain model as services return it and mappers read it. */

/**
 * A project's lifecycle. `completed` can be reopened (back to `active`); `canceled` is final.
 * The allowed moves are in project-lifecycle.ts.
 */
export const PROJECT_STATUSES = ['planned', 'active', 'on_hold', 'completed', 'canceled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Statuses in which a project takes no new tasks and no task changes. */
export const CLOSED_PROJECT_STATUSES: readonly ProjectStatus[] = ['completed', 'canceled'];

export interface Project {
  id: string;
  tenantId: string;
  /** The CRM client the project is for; an archived one is refused, an id the CRM does not know stays opaque. */
  clientId: string;
  name: string;
  description?: string;
  status: ProjectStatus;
  /** The internal user who runs the project. */
  managerUserId?: string;
  /** Planned start and due dates, YYYY-MM-DD. */
  startDate?: string;
  dueDate?: string;
  createdByUserId?: string;
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
}

export interface CreateProjectInput {
  clientId: string;
  name: string;
  description?: string;
  managerUserId?: string;
  startDate?: string;
  dueDate?: string;
}

/** Fields a save may change; absent fields are left alone, `null` clears an optional one. */
export interface ProjectPatch {
  name?: string;
  description?: string | null;
  managerUserId?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
}

/** What `ProjectService.update` did: no `changes` means the save changed nothing. */
export interface ProjectChangeSet {
  before: Project;
  after: Project;
  changes: FieldChanges['changes'];
  byUserId: string;
  at: Date;
}

export interface ProjectStatusOptions {
  /** Complete the project although tasks are still open; they are canceled with it. */
  force?: boolean;
}

/** What `ProjectService.changeStatus` did, with the open tasks a completion or cancellation closed. */
export interface ProjectStatusChange {
  before: Project;
  after: Project;
  byUserId: string;
  at: Date;
  canceledTasks: TaskStatusMove[];
}

export interface ProjectPhase {
  id: string;
  projectId: string;
  name: string;
  /** Position among the project's phases, from 1. */
  order: number;
}
