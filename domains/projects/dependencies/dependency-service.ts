import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ProjectRepository } from '../projects/project-repository';
import { Task } from '../tasks/task';
import { TaskRepository } from '../tasks/task-repository';
import { DependencyChange, TaskDependency } from './dependency';
import { TaskDependencyCycleError, TaskDependencyInputError, TaskDependencyNotFoundError } from './dependency-errors';
import { cycleClosedBy, Edge } from './dependency-graph';
import { tasksBlocked, tasksUnblocked } from './dependency-mappers';
import { TaskBlocking } from './task-blocking';

type Row = Record<string, any>;

/**
 * Finish-to-start dependencies between tasks of one project. Graph edits hold the project row for
 * update, so two edits never both pass the cycle check, and no task of the project changes status
 * while the successor's blocked state is worked out.
 */
@injectable()
export class DependencyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly tasks: TaskRepository,
    private readonly blocking: TaskBlocking,
  ) {}

  /**
   * Makes `successorTaskId` wait for `predecessorTaskId`. A dependency that would close a cycle is
   * refused naming the cycle (TaskDependencyCycleError); one that exists already changes nothing.
   * An open successor of an open predecessor becomes blocked (PROJECT_TASK_DEPENDENCY_BLOCKED).
   */
  @EmitsEvent('PROJECT_TASK_DEPENDENCY_BLOCKED', tasksBlocked)
  async add(predecessorTaskId: string, successorTaskId: string): Promise<DependencyChange> {
    const tenant = currentTenant('DependencyService.add');
    const byUserId = requireStaff('DependencyService.add');
    const { predecessor, successor } = await this.pair(predecessorTaskId, successorTaskId, 'add a task dependency');
    const existing = await this.find(predecessor.id, successor.id);
    if (existing) return { dependency: existing, changed: false, blocking: [] };
    const edges = await this.edgesOf(successor.projectId);
    const cycle = cycleClosedBy(edges, predecessor.id, successor.id);
    if (cycle) throw new TaskDependencyCycleError(predecessor.id, successor.id, cycle, await this.titles(successor.projectId));
    const at = actionTime();
    await this.uow.db('project_task_dependencies').insert({
      tenant,
      project_id: successor.projectId,
      predecessor_task_id: predecessor.id,
      successor_task_id: successor.id,
      created_by_user_id: byUserId,
      created_at: at,
    });
    const blocking = await this.blocking.reconcile([successor.id], predecessor.id, at);
    return { dependency: (await this.find(predecessor.id, successor.id))!, changed: true, blocking };
  }

  /**
   * Drops a dependency (TaskDependencyNotFoundError when there is none). A successor left without
   * open predecessors is unblocked (PROJECT_TASK_DEPENDENCY_UNBLOCKED, naming the predecessor).
   */
  @EmitsEvent('PROJECT_TASK_DEPENDENCY_UNBLOCKED', tasksUnblocked)
  async remove(predecessorTaskId: string, successorTaskId: string): Promise<DependencyChange> {
    const tenant = currentTenant('DependencyService.remove');
    requireStaff('DependencyService.remove');
    const { predecessor, successor } = await this.pair(predecessorTaskId, successorTaskId, 'remove a task dependency');
    const dependency = await this.find(predecessor.id, successor.id);
    if (!dependency) throw new TaskDependencyNotFoundError(predecessor.id, successor.id);
    await this.uow.db('project_task_dependencies').where({ tenant, predecessor_task_id: predecessor.id, successor_task_id: successor.id }).delete();
    const blocking = await this.blocking.reconcile([successor.id], predecessor.id, actionTime());
    return { dependency, changed: true, blocking };
  }

  /** The project's dependencies, in the order they were added. */
  async ofProject(projectId: string): Promise<TaskDependency[]> {
    const project = await this.projects.get(projectId);
    const rows = await this.uow
      .db('project_task_dependencies')
      .where({ project_id: project.id, tenant: currentTenant('DependencyService.ofProject') })
      .orderBy(['created_at', 'predecessor_task_id', 'successor_task_id']);
    return rows.map(toDependency);
  }

  /** Both tasks, checked to be two tasks of one open project, whose row is then held for update. */
  private async pair(predecessorTaskId: string, successorTaskId: string, action: string): Promise<{ predecessor: Task; successor: Task }> {
    const successor = await this.tasks.get(successorTaskId);
    const predecessor = await this.tasks.get(predecessorTaskId);
    if (predecessor.id === successor.id) throw new TaskDependencyInputError('predecessorTaskId', 'must be another task than successorTaskId');
    if (predecessor.projectId !== successor.projectId) {
      throw new TaskDependencyInputError('predecessorTaskId', `must be a task of project ${successor.projectId}, the successor's project`);
    }
    await this.projects.requireOpen(successor.projectId, action, 'update');
    return { predecessor, successor };
  }

  private async find(predecessorTaskId: string, successorTaskId: string): Promise<TaskDependency | undefined> {
    const row = await this.uow
      .db('project_task_dependencies')
      .where({ predecessor_task_id: predecessorTaskId, successor_task_id: successorTaskId, tenant: currentTenant('DependencyService.find') })
      .first();
    return row ? toDependency(row) : undefined;
  }

  private async edgesOf(projectId: string): Promise<Edge[]> {
    const rows = await this.uow
      .db('project_task_dependencies')
      .where({ project_id: projectId, tenant: currentTenant('DependencyService.edgesOf') })
      .orderBy(['created_at', 'predecessor_task_id', 'successor_task_id']);
    return rows.map((r: Row) => [r.predecessor_task_id, r.successor_task_id] as const);
  }

  private async titles(projectId: string): Promise<Map<string, string>> {
    return new Map((await this.tasks.ofProject(projectId)).map((t) => [t.id, t.title]));
  }
}

const toDependency = (row: Row): TaskDependency => ({
  projectId: row.project_id,
  predecessorTaskId: row.predecessor_task_id,
  successorTaskId: row.successor_task_id,
  createdByUserId: row.created_by_user_id,
  createdAt: readDate(row.created_at)!,
});
