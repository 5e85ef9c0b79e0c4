import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { currentTenant, requireStaff, UnitOfWork } from '../../../lib/kit';
import { requiredText } from '../input-checks';
import { ProjectPhase } from './project';
import { ProjectInputError } from './project-errors';
import { ProjectRepository } from './project-repository';

/**
 * A project's phases (Discovery, Build, Go-live…), in order. Phases group tasks; the catalog has no
 * phase events, so adding one emits nothing (a task's phase is part of its own data).
 */
@injectable()
export class PhaseService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectRepository,
  ) {}

  /** Adds a phase after the project's last one; names are unique within a project. */
  async addPhase(projectId: string, name: string): Promise<ProjectPhase> {
    return this.uow.run(async () => {
      const tenant = currentTenant('PhaseService.addPhase');
      requireStaff('PhaseService.addPhase');
      const phaseName = requiredText((f, r) => new ProjectInputError(f, r), 'name', name);
      // Locked for update: two phases added at once get consecutive positions.
      const project = await this.projects.requireOpen(projectId, 'add a phase', 'update');
      const phases = await this.projects.phases(project.id);
      if (phases.some((p) => p.name.toLowerCase() === phaseName.toLowerCase())) throw new ProjectInputError('name', `is already a phase of project ${project.id}`);
      const id = uuidv4();
      await this.uow.db('project_phases').insert({ phase_id: id, tenant, project_id: project.id, name: phaseName, order_number: (phases.at(-1)?.order ?? 0) + 1 });
      return this.projects.phase(id);
    });
  }

  phases(projectId: string): Promise<ProjectPhase[]> {
    return this.uow.run(async () => this.projects.phases((await this.projects.get(projectId)).id));
  }
}
