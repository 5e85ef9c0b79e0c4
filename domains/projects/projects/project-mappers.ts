import { iso, when } from '../../../lib/kit';
import { Project, ProjectChangeSet, ProjectStatusChange } from './project';

/** Project results → payloads of PROJECT_CREATED, PROJECT_UPDATED and PROJECT_STATUS_CHANGED. */

export const projectCreated = (p: Project) => ({ projectId: p.id, createdByUserId: p.createdByUserId, createdAt: iso(p.createdAt) });

export const projectUpdated = when(
  (s: ProjectChangeSet) => Object.keys(s.changes).length > 0,
  (s) => ({ projectId: s.after.id, actorUserId: s.byUserId, updatedAt: iso(s.at), updatedFields: Object.keys(s.changes), changes: s.changes }),
);

export const projectStatusChanged = when(
  (s: ProjectStatusChange) => s.before.status !== s.after.status,
  (s) => ({ projectId: s.after.id, previousStatus: s.before.status, newStatus: s.after.status, actorUserId: s.byUserId, changedAt: iso(s.at) }),
);
