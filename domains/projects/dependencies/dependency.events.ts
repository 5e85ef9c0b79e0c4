import { DateTimeField, UuidField } from '../../../lib/kit';
import { projects } from '../module';
import { ProjectTaskPayload } from '../tasks/task.events';

@projects.event({
  type: 'PROJECT_TASK_DEPENDENCY_BLOCKED',
  name: 'Project Task Blocked',
  subject: 'taskId',
  description:
    'An open task became blocked: a task it depends on (finish-to-start) is unfinished, because that predecessor was ' +
    'reopened, a dependency on an open predecessor was added, or the task itself was reopened while a predecessor is ' +
    'open. Emitted once per transition into the blocked state, naming the predecessor that caused it; a task already ' +
    'blocked that gains another open predecessor emits nothing. A blocked task cannot start or be completed.',
})
export class ProjectTaskDependencyBlockedPayload extends ProjectTaskPayload {
  @UuidField({ description: 'The unfinished predecessor that blocked the task' }) blockedByTaskId!: string;
  @DateTimeField() blockedAt!: string;
}

@projects.event({
  type: 'PROJECT_TASK_DEPENDENCY_UNBLOCKED',
  name: 'Project Task Unblocked',
  subject: 'taskId',
  description:
    'The last unfinished predecessor of a blocked task was completed or canceled, or its dependency was removed, so the ' +
    'task can start. Emitted once per transition out of the blocked state, even when several predecessors finish at the ' +
    'same moment; not emitted when the blocked task itself is canceled.',
})
export class ProjectTaskDependencyUnblockedPayload extends ProjectTaskPayload {
  @UuidField({ description: 'The predecessor whose completion (or removed dependency) cleared the last block' }) unblockedByTaskId!: string;
  @DateTimeField() unblockedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    PROJECT_TASK_DEPENDENCY_BLOCKED: ProjectTaskDependencyBlockedPayload;
    PROJECT_TASK_DEPENDENCY_UNBLOCKED: ProjectTaskDependencyUnblockedPayload;
  }
}
