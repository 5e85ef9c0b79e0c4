import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { TaskBlocking } from '../dependencies/task-blocking';
import { tasksBlocked, tasksUnblocked } from '../dependencies/dependency-mappers';
import { ProjectRepository } from '../projects/project-repository';
import { CreateTaskInput, isClosedTaskStatus, Task, TaskAssignee, TaskAssignment, TaskStatus, TaskStatusChange, WORKING_TASK_STATUSES } from './task';
import { ProjectTaskBlockedError, ProjectTaskInputError, ProjectTaskStateError } from './task-errors';
import { checkAssignee, checkNewTask, checkTaskStatus } from './task-input';
import { taskAssigned, taskAssignedOnCreate, taskCompleted, taskCreated, taskStatusChanged } from './task-mappers';
import { TaskRepository } from './task-repository';

/** Adding tasks to projects, assigning them and moving them through their statuses. */
@injectable()
export class TaskService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly projects: ProjectRepository,
    private readonly tasks: TaskRepository,
    private readonly blocking: TaskBlocking,
  ) {}

  /** Adds a task (todo) to a project that is not completed or canceled, optionally in one of its phases and assigned. */
  @EmitsEvent('PROJECT_TASK_CREATED', taskCreated)
  @EmitsEvent('PROJECT_TASK_ASSIGNED', taskAssignedOnCreate)
  async create(projectId: string, input: CreateTaskInput): Promise<Task> {
    const tenant = currentTenant('TaskService.create');
    const byUserId = requireStaff('TaskService.create');
    const fields = checkNewTask(input);
    // Share-locked: a completion or cancellation of the project waits for this task, then sees it.
    const project = await this.projects.requireOpen(projectId, 'add a task');
    if (fields.phaseId && (await this.projects.phase(fields.phaseId)).projectId !== project.id) {
      throw new ProjectTaskInputError('phaseId', `must be a phase of project ${project.id}`);
    }
    const id = uuidv4();
    const at = actionTime();
    await this.uow.db('project_tasks').insert({
      task_id: id,
      tenant,
      project_id: project.id,
      phase_id: fields.phaseId ?? null,
      title: fields.title,
      description: fields.description ?? null,
      status: 'todo',
      due_date: fields.dueDate ?? null,
      assignee_id: fields.assignee?.id ?? null,
      assignee_type: fields.assignee?.type ?? null,
      is_blocked: false,
      created_by_user_id: byUserId,
      created_at: at,
      updated_at: at,
    });
    return this.tasks.get(id);
  }

  /** Hands the task to a user or team; the current assignee again changes nothing. Done and canceled tasks are refused. */
  @EmitsEvent('PROJECT_TASK_ASSIGNED', taskAssigned)
  async assign(taskId: string, assignee: TaskAssignee): Promise<TaskAssignment> {
    const tenant = currentTenant('TaskService.assign');
    const byUserId = requireStaff('TaskService.assign');
    const next = checkAssignee(assignee);
    const task = await this.lockTask(taskId, 'assign a task');
    if (isClosedTaskStatus(task.status)) throw new ProjectTaskStateError(task.id, task.status, 'assign');
    const at = actionTime();
    const previous = task.assignee;
    if (previous?.id === next.id && previous.type === next.type) return { task, previous, assigned: false, byUserId, at };
    await this.uow.db('project_tasks').where({ task_id: task.id, tenant }).update({ assignee_id: next.id, assignee_type: next.type, updated_at: at });
    return { task: await this.tasks.get(task.id), previous, assigned: true, byUserId, at };
  }

  /**
   * Moves the task to `status`. A task with an unfinished predecessor cannot move into
   * in_progress, in_review or done (ProjectTaskBlockedError, naming them). Reaching done also
   * emits PROJECT_TASK_COMPLETED; closing or reopening the task blocks or unblocks the tasks
   * that depend on it (and a reopened task with open predecessors is itself blocked again).
   */
  @EmitsEvent('PROJECT_TASK_STATUS_CHANGED', taskStatusChanged)
  @EmitsEvent('PROJECT_TASK_COMPLETED', taskCompleted)
  @EmitsEvent('PROJECT_TASK_DEPENDENCY_UNBLOCKED', tasksUnblocked)
  @EmitsEvent('PROJECT_TASK_DEPENDENCY_BLOCKED', tasksBlocked)
  async changeStatus(taskId: string, status: TaskStatus): Promise<TaskStatusChange> {
    const tenant = currentTenant('TaskService.changeStatus');
    const byUserId = requireStaff('TaskService.changeStatus');
    const next = checkTaskStatus(status);
    const before = await this.lockTask(taskId, 'change the status of a task');
    if (before.status === next) return { task: before, blocking: [] };
    if (WORKING_TASK_STATUSES.includes(next)) {
      const open = await this.blocking.openPredecessorsOf(before.id);
      if (open.length) throw new ProjectTaskBlockedError(before, next, await Promise.all(open.map((id) => this.tasks.get(id))));
    }
    const at = actionTime();
    const done = next === 'done';
    await this.uow
      .db('project_tasks')
      .where({ task_id: before.id, tenant })
      .update({ status: next, completed_at: done ? at : null, completed_by_user_id: done ? byUserId : null, updated_at: at });
    const blocking = await this.blocking.afterStatusMove({ ...before, status: next }, before.status, at);
    return {
      task: await this.tasks.get(before.id),
      move: { taskId: before.id, projectId: before.projectId, previousStatus: before.status, newStatus: next, byUserId, at },
      blocking,
    };
  }

  /** changeStatus(taskId, 'done'). */
  complete(taskId: string): Promise<TaskStatusChange> {
    return this.changeStatus(taskId, 'done');
  }

  get(taskId: string): Promise<Task> {
    return this.tasks.get(taskId);
  }

  /** The project's tasks, oldest first. */
  async ofProject(projectId: string): Promise<Task[]> {
    return this.tasks.ofProject((await this.projects.get(projectId)).id);
  }

  /**
   * The task, locked for this action: the project first (share, refusing a completed or canceled
   * one), then the task row, in that order everywhere so concurrent actions never deadlock.
   */
  private async lockTask(taskId: string, action: string): Promise<Task> {
    const { projectId } = await this.tasks.get(taskId);
    await this.projects.requireOpen(projectId, action);
    return this.tasks.get(taskId, { forUpdate: true });
  }
}
