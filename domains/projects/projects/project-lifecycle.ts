import { ProjectStatus } from './project';

/**
 * The moves a project manager makes: a planned project starts (or is shelved or dropped), an
 * active one pauses, finishes or is dropped, a paused one resumes, finishes or is dropped, and a
 * completed one can be reopened when work turns out to be missing. Canceled is final.
 */
const MOVES: Record<ProjectStatus, readonly ProjectStatus[]> = {
  planned: ['active', 'on_hold', 'canceled'],
  active: ['on_hold', 'completed', 'canceled'],
  on_hold: ['active', 'completed', 'canceled'],
  completed: ['active'],
  canceled: [],
};

export const canMoveProject = (from: ProjectStatus, to: ProjectStatus): boolean => MOVES[from].includes(to);

/** Where a project in `status` may go next, for error messages. */
export const nextProjectStatuses = (status: ProjectStatus): readonly ProjectStatus[] => MOVES[status];
