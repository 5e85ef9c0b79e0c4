import { readDate } from '../../../lib/kit';
import { Task, TaskStatus } from './task';

/** Database rows ↔ tasks. SQLite returns booleans as 0/1 and dates as epoch millis. */
export const toTask = (row: Record<string, any>): Task => ({
  id: row.task_id,
  tenantId: row.tenant,
  projectId: row.project_id,
  phaseId: row.phase_id ?? undefined,
  title: row.title,
  description: row.description ?? undefined,
  status: row.status as TaskStatus,
  dueDate: row.due_date ?? undefined,
  assignee: row.assignee_id ? { id: row.assignee_id, type: row.assignee_type } : undefined,
  blocked: Boolean(row.is_blocked),
  createdByUserId: row.created_by_user_id,
  createdAt: readDate(row.created_at)!,
  updatedAt: readDate(row.updated_at)!,
  completedAt: readDate(row.completed_at) ?? undefined,
  completedByUserId: row.completed_by_user_id ?? undefined,
});
