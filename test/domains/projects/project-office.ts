import { v4 as uuidv4 } from 'uuid';
import { CreateTaskInput, DependencyService, PhaseService, Project, ProjectService, projectsModule, Task, TaskService } from '../../../domains/projects';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/** One tenant's project office on a fresh test kit: the module's services and shortcuts to set up work. */
export class ProjectOffice {
  readonly projects: ProjectService;
  readonly phases: PhaseService;
  readonly tasks: TaskService;
  readonly dependencies: DependencyService;
  readonly clientId = uuidv4();

  private constructor(readonly kit: TestKit) {
    this.projects = kit.resolve(ProjectService);
    this.phases = kit.resolve(PhaseService);
    this.tasks = kit.resolve(TaskService);
    this.dependencies = kit.resolve(DependencyService);
  }

  static async create(target: DatabaseTarget): Promise<ProjectOffice> {
    return new ProjectOffice(await createTestKit({ modules: [projectsModule], databaseUrl: target.url }));
  }

  /** Runs as the kit's tenant and technician (overridable). */
  run<T>(fn: () => Promise<T>, ctx: EmissionContextInit = {}): Promise<T> {
    return this.kit.run(fn, ctx);
  }

  /** An active project for the office's client (planned, then started). */
  async activeProject(name = 'Office move'): Promise<Project> {
    const project = await this.run(() => this.projects.create({ clientId: this.clientId, name }));
    await this.run(() => this.projects.changeStatus(project.id, 'active'));
    return this.run(() => this.projects.get(project.id));
  }

  /** Tasks titled `titles` in `project`, in order. */
  async taskList(project: Project, ...titles: string[]): Promise<Task[]> {
    const made: Task[] = [];
    for (const title of titles) made.push(await this.task(project, { title }));
    return made;
  }

  task(project: Project, input: CreateTaskInput): Promise<Task> {
    return this.run(() => this.tasks.create(project.id, input));
  }

  /** `successor` waits for each of `predecessors`. */
  async dependsOn(successor: Task, ...predecessors: Task[]): Promise<void> {
    for (const p of predecessors) await this.run(() => this.dependencies.add(p.id, successor.id));
  }

  complete(task: Task) {
    return this.run(() => this.tasks.complete(task.id));
  }

  reopen(task: Task) {
    return this.run(() => this.tasks.changeStatus(task.id, 'todo'));
  }

  async blocked(task: Task): Promise<boolean> {
    return (await this.run(() => this.tasks.get(task.id))).blocked;
  }

  /** The error `fn` rejects with (fails the test if it resolves). */
  async refusal(fn: () => Promise<unknown>, ctx: EmissionContextInit = {}): Promise<any> {
    return this.run(fn, ctx).then(
      (r) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
      },
      (err) => err,
    );
  }

  close(): Promise<void> {
    return this.kit.close();
  }
}
