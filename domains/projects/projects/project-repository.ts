import { injectable } from 'tsyringe';
import { currentTenant, isPostgres, UnitOfWork } from '../../../lib/kit';
import { looksLikeId } from '../input-checks';
import { CLOSED_PROJECT_STATUSES, Project, ProjectPhase } from './project';
import { ProjectClosedError, ProjectNotFoundError, ProjectPhaseNotFoundError } from './project-errors';
import { toPhase, toProject } from './project-rows';

/**
 * How an action holds the project row until commit (PostgreSQL; SQLite has one writer anyway):
 * `update` for changes to the project itself and to its dependency graph, `share` for task
 * changes, which may run side by side but not beside a completion, cancellation or graph edit.
 */
export type ProjectLock = 'none' | 'share' | 'update';

/** Tenant-scoped reads of projects and phases, through the current transaction. */
@injectable()
export class ProjectRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async get(projectId: string, lock: ProjectLock = 'none'): Promise<Project> {
    if (!looksLikeId(projectId)) throw new ProjectNotFoundError(projectId);
    const db = this.uow.db;
    const row = await db('projects')
      .where({ project_id: projectId.toLowerCase(), tenant: currentTenant('ProjectRepository.get') })
      .modify((q) => (lock === 'none' || !isPostgres(db) ? q : lock === 'update' ? q.forUpdate() : q.forShare()))
      .first();
    if (!row) throw new ProjectNotFoundError(projectId);
    return toProject(row);
  }

  /** The project, share-locked, refusing `action` when it is completed or canceled. */
  async requireOpen(projectId: string, action: string, lock: ProjectLock = 'share'): Promise<Project> {
    const project = await this.get(projectId, lock);
    if (CLOSED_PROJECT_STATUSES.includes(project.status)) throw new ProjectClosedError(project.id, project.status, action);
    return project;
  }

  async phase(phaseId: string): Promise<ProjectPhase> {
    if (!looksLikeId(phaseId)) throw new ProjectPhaseNotFoundError(phaseId);
    const row = await this.uow.db('project_phases').where({ phase_id: phaseId.toLowerCase(), tenant: currentTenant('ProjectRepository.phase') }).first();
    if (!row) throw new ProjectPhaseNotFoundError(phaseId);
    return toPhase(row);
  }

  async phases(projectId: string): Promise<ProjectPhase[]> {
    const rows = await this.uow.db('project_phases').where({ project_id: projectId, tenant: currentTenant('ProjectRepository.phases') }).orderBy('order_number');
    return rows.map(toPhase);
  }
}
