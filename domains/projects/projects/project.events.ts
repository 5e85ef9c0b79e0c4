import { ChangesField, DateTimeField, DomainPayload, FieldChanges, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { ActingUser } from '../acting-user';
import { projects } from '../module';

/** Every project event names its project. */
abstract class ProjectPayload extends DomainPayload {
  @UuidField({ description: 'The project' }) projectId!: string;
}

@projects.event({
  type: 'PROJECT_CREATED',
  name: 'Project Created',
  description:
    'A project was set up for a client, in the planned status. Its tasks arrive as PROJECT_TASK_CREATED; ' +
    'starting it is PROJECT_STATUS_CHANGED (planned → active). createdByUserId is absent when the system created it.',
})
export class ProjectCreatedPayload extends ProjectPayload {
  @UuidField({ optional: true, description: 'Internal user who created the project; absent for a system-created one' })
  createdByUserId?: string;

  @DateTimeField({ optional: true, description: 'When the project was created' }) createdAt?: string;
}

@projects.event({
  type: 'PROJECT_UPDATED',
  name: 'Project Updated',
  description:
    'Details of a project were edited in one save (name, description, manager, start or due date); `changes` holds ' +
    'each field\'s previous and new value. Status moves are PROJECT_STATUS_CHANGED, not this; a save that changes nothing emits nothing.',
})
export class ProjectUpdatedPayload extends ProjectPayload {
  @ActingUser() override actorUserId!: string;
  @DateTimeField({ description: 'When the edit was saved' }) updatedAt!: string;

  @UpdatedFieldsField({ optional: true, description: 'Fields that changed: name, description, managerUserId, startDate, dueDate' })
  updatedFields?: string[];

  @ChangesField({ optional: true, description: 'Previous and new value of each changed field; null means unset' })
  changes?: FieldChanges['changes'];
}

@projects.event({
  type: 'PROJECT_STATUS_CHANGED',
  name: 'Project Status Changed',
  description:
    'A project moved in its lifecycle: planned, active, on_hold, completed or canceled (a completed project may be ' +
    'reopened to active; canceled is final). Completing or canceling a project cancels its open tasks first, each ' +
    'with its own PROJECT_TASK_STATUS_CHANGED; completing with open tasks needs an explicit force.',
})
export class ProjectStatusChangedPayload extends ProjectPayload {
  @StringField({ description: 'Status before the move: planned, active, on_hold or completed' }) previousStatus!: string;
  @StringField({ description: 'Status after the move: active, on_hold, completed or canceled' }) newStatus!: string;
  @ActingUser() override actorUserId!: string;
  @DateTimeField({ description: 'When the status changed' }) changedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    PROJECT_CREATED: ProjectCreatedPayload;
    PROJECT_UPDATED: ProjectUpdatedPayload;
    PROJECT_STATUS_CHANGED: ProjectStatusChangedPayload;
  }
}
