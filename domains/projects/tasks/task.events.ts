import { DateField, DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { ActingUser } from '../acting-user';
import { projects } from '../module';
import { ASSIGNEE_TYPES, AssigneeType } from './task';

/** Every task event names the task and its project; the task is the event's subject. */
export abstract class ProjectTaskPayload extends DomainPayload {
  @UuidField({ description: 'The task' }) taskId!: string;
  @UuidField({ description: 'The project the task belongs to' }) projectId!: string;
}

@projects.event({
  type: 'PROJECT_TASK_CREATED',
  name: 'Project Task Created',
  subject: 'taskId',
  description:
    'A task was added to a project (optionally in one of its phases), in the status it starts in (todo). Completed and ' +
    'canceled projects take no new tasks. A task created with an assignee also emits PROJECT_TASK_ASSIGNED.',
})
export class ProjectTaskCreatedPayload extends ProjectTaskPayload {
  @UuidField({ description: 'Internal user who added the task' }) createdByUserId!: string;
  @DateTimeField() createdAt!: string;
  @StringField({ description: 'Task title as entered' }) title!: string;
  @DateField({ optional: true, description: 'Day the task is due' }) dueDate?: string;
  @StringField({ description: 'Status the task starts in: todo' }) status!: string;
}

@projects.event({
  type: 'PROJECT_TASK_ASSIGNED',
  name: 'Project Task Assigned',
  subject: 'taskId',
  description:
    'A project task was handed to a user or a team, at creation or by reassignment. The previous assignee is the one of ' +
    'the task\'s prior PROJECT_TASK_ASSIGNED; assigning the current assignee again emits nothing. Done and canceled tasks are not reassigned.',
})
export class ProjectTaskAssignedPayload extends ProjectTaskPayload {
  @UuidField({ description: 'User or team now responsible for the task' }) assignedToId!: string;
  @EnumField(ASSIGNEE_TYPES, { description: 'Whether assignedToId is a user or a team' }) assignedToType!: AssigneeType;
  @UuidField({ description: 'Internal user who made the assignment' }) assignedByUserId!: string;
  @DateTimeField() assignedAt!: string;
}

@projects.event({
  type: 'PROJECT_TASK_STATUS_CHANGED',
  name: 'Project Task Status Changed',
  subject: 'taskId',
  description:
    'A project task moved between todo, in_progress, in_review, done and canceled, by a user or because its project ' +
    'was completed or canceled (open tasks are canceled then). Reaching done also emits PROJECT_TASK_COMPLETED; closing ' +
    'or reopening a task may block or unblock the tasks that depend on it (PROJECT_TASK_DEPENDENCY_*).',
})
export class ProjectTaskStatusChangedPayload extends ProjectTaskPayload {
  @StringField({ description: 'Status before the move' }) previousStatus!: string;
  @StringField({ description: 'Status after the move' }) newStatus!: string;
  @ActingUser() override actorUserId!: string;
  @DateTimeField() changedAt!: string;
}

@projects.event({
  type: 'PROJECT_TASK_COMPLETED',
  name: 'Project Task Completed',
  subject: 'taskId',
  description:
    'A project task reached the done status; emitted beside its PROJECT_TASK_STATUS_CHANGED, once per time it is done ' +
    '(a reopened task completed again emits it again). Canceling a task is not completing it.',
})
export class ProjectTaskCompletedPayload extends ProjectTaskPayload {
  @UuidField({ description: 'Internal user who marked the task done' }) completedByUserId!: string;
  @DateTimeField() completedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    PROJECT_TASK_CREATED: ProjectTaskCreatedPayload;
    PROJECT_TASK_ASSIGNED: ProjectTaskAssignedPayload;
    PROJECT_TASK_STATUS_CHANGED: ProjectTaskStatusChangedPayload;
    PROJECT_TASK_COMPLETED: ProjectTaskCompletedPayload;
  }
}
