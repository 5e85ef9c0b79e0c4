import { Fail, oneOf, optionalDate, optionalText, optionalUuid, requiredText, requiredUuid } from '../input-checks';
import { ASSIGNEE_TYPES, CreateTaskInput, TASK_STATUSES, TaskAssignee, TaskStatus } from './task';
import { ProjectTaskInputError } from './task-errors';

const fail: Fail = (field, reason) => new ProjectTaskInputError(field, reason);

export interface CheckedTaskInput {
  title: string;
  description?: string;
  phaseId?: string;
  dueDate?: string;
  assignee?: TaskAssignee;
}

export function checkNewTask(input: CreateTaskInput): CheckedTaskInput {
  if (!input || typeof input !== 'object') throw fail('input', 'must be an object');
  return {
    title: requiredText(fail, 'title', input.title),
    description: optionalText(fail, 'description', input.description) ?? undefined,
    phaseId: optionalUuid(fail, 'phaseId', input.phaseId) ?? undefined,
    dueDate: optionalDate(fail, 'dueDate', input.dueDate) ?? undefined,
    assignee: input.assignee === undefined ? undefined : checkAssignee(input.assignee, 'assignee'),
  };
}

export function checkAssignee(assignee: TaskAssignee, field = 'assignee'): TaskAssignee {
  if (!assignee || typeof assignee !== 'object') throw fail(field, 'must be { id, type }');
  return { id: requiredUuid(fail, `${field}.id`, assignee.id), type: oneOf(fail, `${field}.type`, assignee.type, ASSIGNEE_TYPES) };
}

export const checkTaskStatus = (status: unknown): TaskStatus => oneOf(fail, 'status', status, TASK_STATUSES);
