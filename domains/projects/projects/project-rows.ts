import { readDate } from '../../../lib/kit';
import { Project, ProjectPhase, ProjectStatus } from './project';
import { ProjectFields } from './project-input';

/** Database rows ↔ project objects. SQLite returns dates as epoch millis. */

type Row = Record<string, any>;

export const projectColumns = (p: ProjectFields): Row => ({
  name: p.name,
  description: p.description ?? null,
  manager_user_id: p.managerUserId ?? null,
  start_date: p.startDate ?? null,
  due_date: p.dueDate ?? null,
});

export const toProject = (row: Row): Project => ({
  id: row.project_id,
  tenantId: row.tenant,
  clientId: row.client_id,
  name: row.name,
  description: row.description ?? undefined,
  status: row.status as ProjectStatus,
  managerUserId: row.manager_user_id ?? undefined,
  startDate: row.start_date ?? undefined,
  dueDate: row.due_date ?? undefined,
  createdByUserId: row.created_by_user_id ?? undefined,
  createdAt: readDate(row.created_at)!,
  updatedAt: readDate(row.updated_at)!,
  completedAt: readDate(row.completed_at) ?? undefined,
});

export const toPhase = (row: Row): ProjectPhase => ({
  id: row.phase_id,
  projectId: row.project_id,
  name: row.name,
  order: Number(row.order_number),
});
