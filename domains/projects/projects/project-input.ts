import { Fail, optionalDate, optionalText, optionalUuid, requiredText, requiredUuid } from '../input-checks';
import { CreateProjectInput, Project, ProjectPatch } from './project';
import { ProjectInputError } from './project-errors';

const fail: Fail = (field, reason) => new ProjectInputError(field, reason);

/** The editable fields of a project, checked and normalised (trimmed text, lower-case ids). */
export type ProjectFields = Pick<Project, 'name' | 'description' | 'managerUserId' | 'startDate' | 'dueDate'>;

export function checkNewProject(input: CreateProjectInput): ProjectFields & { clientId: string } {
  if (!input || typeof input !== 'object') throw fail('input', 'must be an object');
  const fields = {
    clientId: requiredUuid(fail, 'clientId', input.clientId),
    name: requiredText(fail, 'name', input.name),
    description: optionalText(fail, 'description', input.description) ?? undefined,
    managerUserId: optionalUuid(fail, 'managerUserId', input.managerUserId) ?? undefined,
    startDate: optionalDate(fail, 'startDate', input.startDate) ?? undefined,
    dueDate: optionalDate(fail, 'dueDate', input.dueDate) ?? undefined,
  };
  checkDates(fields);
  return fields;
}

/** `project` as `patch` would leave it: absent keeps a field, null clears an optional one. */
export function applyProjectPatch(project: Project, patch: ProjectPatch): ProjectFields {
  if (!patch || typeof patch !== 'object') throw fail('patch', 'must be an object');
  const keep = <T>(value: T | null | undefined, current: T | undefined): T | undefined => (value === undefined ? current : value ?? undefined);
  const fields = {
    name: patch.name === undefined ? project.name : requiredText(fail, 'name', patch.name),
    description: keep(optionalText(fail, 'description', patch.description), project.description),
    managerUserId: keep(optionalUuid(fail, 'managerUserId', patch.managerUserId), project.managerUserId),
    startDate: keep(optionalDate(fail, 'startDate', patch.startDate), project.startDate),
    dueDate: keep(optionalDate(fail, 'dueDate', patch.dueDate), project.dueDate),
  };
  checkDates(fields);
  return fields;
}

/** The flat view of a project that PROJECT_UPDATED's `changes` compares. */
export const projectFieldsOf = (p: ProjectFields): Record<string, unknown> => ({
  name: p.name,
  description: p.description,
  managerUserId: p.managerUserId,
  startDate: p.startDate,
  dueDate: p.dueDate,
});

function checkDates(p: Pick<ProjectFields, 'startDate' | 'dueDate'>): void {
  // YYYY-MM-DD strings order like the dates they name.
  if (p.startDate && p.dueDate && p.dueDate < p.startDate) throw fail('dueDate', `must not be before startDate (${p.startDate})`);
}
