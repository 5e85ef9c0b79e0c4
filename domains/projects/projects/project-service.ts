import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, actsAsContact, currentTenant, currentUserId, diffFields, EmitsEvent, requireStaff, StaffActorRequiredError, UnitOfWork } from '../../../lib/kit';
import { ClientService } from '../../crm';
import { oneOf } from '../input-checks';
import { OpenTaskCanceller } from '../tasks/open-task-canceller';
import { statusMoved } from '../tasks/task-mappers';
import { TaskRepository } from '../tasks/task-repository';
import { CreateProjectInput, Project, PROJECT_STATUSES, ProjectChangeSet, ProjectPatch, ProjectStatus, ProjectStatusChange, ProjectStatusOptions } from './project';
import { ProjectHasOpenTasksError, ProjectInputError, ProjectStatusTransitionError } from './project-errors';
import { applyProjectPatch, checkNewProject, projectFieldsOf } from './project-input';
import { canMoveProject } from './project-lifecycle';
import { projectCreated, projectStatusChanged, projectUpdated } from './project-mappers';
import { ProjectRepository } from './project-repository';
import { projectColumns } from './project-rows';

/** Setting up projects for clients, editing them and moving them through their lifecycle. */
@injectable()
export class ProjectService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly tasks: TaskRepository,
    private readonly canceller: OpenTaskCanceller,
    private readonly clients: ClientService,
  ) {}

  /**
   * Creates a planned project for a client. Staff or the system (a contract, a template run) may
   * create one; a client contact may not (StaffActorRequiredError). An archived CRM client is
   * refused (ClientArchivedError, code CLIENT_ARCHIVED, field clientId).
   */
  @EmitsEvent('PROJECT_CREATED', projectCreated)
  async create(input: CreateProjectInput): Promise<Project> {
    const tenant = currentTenant('ProjectService.create');
    if (actsAsContact()) throw new StaffActorRequiredError('ProjectService.create');
    const fields = checkNewProject(input);
    // An archived CRM client gets no new projects; a client id the CRM does not know stays opaque.
    await this.clients.assertNotArchived(fields.clientId, 'create a project');
    const id = uuidv4();
    const at = actionTime();
    await this.uow.db('projects').insert({
      project_id: id,
      tenant,
      client_id: fields.clientId,
      ...projectColumns(fields),
      status: 'planned',
      created_by_user_id: currentUserId() ?? null,
      created_at: at,
      updated_at: at,
    });
    return this.projects.get(id);
  }

  /** Saves a patch of the project's details; a save that changes nothing writes and emits nothing. */
  @EmitsEvent('PROJECT_UPDATED', projectUpdated)
  async update(projectId: string, patch: ProjectPatch): Promise<ProjectChangeSet> {
    const tenant = currentTenant('ProjectService.update');
    const byUserId = requireStaff('ProjectService.update');
    const before = await this.projects.get(projectId, 'update');
    const fields = applyProjectPatch(before, patch);
    const { changes } = diffFields(projectFieldsOf(before), projectFieldsOf(fields));
    const at = actionTime();
    if (!Object.keys(changes).length) return { before, after: before, changes, byUserId, at };
    await this.uow.db('projects').where({ project_id: before.id, tenant }).update({ ...projectColumns(fields), updated_at: at });
    return { before, after: await this.projects.get(before.id), changes, byUserId, at };
  }

  /**
   * Moves the project in its lifecycle (project-lifecycle.ts). Completing a project whose tasks
   * are not all done or canceled is refused (ProjectHasOpenTasksError) unless `force`, which
   * cancels them; canceling a project cancels its open tasks. Each canceled task emits its
   * PROJECT_TASK_STATUS_CHANGED before the project's PROJECT_STATUS_CHANGED.
   */
  @EmitsEvent('PROJECT_TASK_STATUS_CHANGED', (s: ProjectStatusChange) => s.canceledTasks.map(statusMoved))
  @EmitsEvent('PROJECT_STATUS_CHANGED', projectStatusChanged)
  async changeStatus(projectId: string, status: ProjectStatus, options: ProjectStatusOptions = {}): Promise<ProjectStatusChange> {
    const tenant = currentTenant('ProjectService.changeStatus');
    const byUserId = requireStaff('ProjectService.changeStatus');
    const next = oneOf((f, r) => new ProjectInputError(f, r), 'status', status, PROJECT_STATUSES);
    // Held until commit: task changes (share lock) wait, so "open tasks" cannot change under us.
    const before = await this.projects.get(projectId, 'update');
    const at = actionTime();
    if (before.status === next) return { before, after: before, byUserId, at, canceledTasks: [] };
    if (!canMoveProject(before.status, next)) throw new ProjectStatusTransitionError(before.id, before.status, next);
    if (next === 'completed' && !options.force) {
      const open = await this.tasks.openTaskIds(before.id);
      if (open.length) throw new ProjectHasOpenTasksError(before.id, open);
    }
    const canceledTasks = next === 'completed' || next === 'canceled' ? await this.canceller.cancelOpenTasks(before.id, byUserId, at) : [];
    await this.uow
      .db('projects')
      .where({ project_id: before.id, tenant })
      .update({ status: next, completed_at: next === 'completed' ? at : null, updated_at: at });
    return { before, after: await this.projects.get(before.id), byUserId, at, canceledTasks };
  }

  get(projectId: string): Promise<Project> {
    return this.projects.get(projectId);
  }
}
