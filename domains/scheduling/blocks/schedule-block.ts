import { Assignee } from '../appointments/appointment';
import { TimeWindow, TimeWindowInput } from '../time/time-window';

/** Time reserved on a user or team calendar that is not a client appointment (time off, internal work). */
export interface ScheduleBlock extends TimeWindow {
  id: string;
  tenantId: string;
  owner: Assignee;
  reason?: string;
  createdByUserId: string;
  createdAt: Date;
}

export interface CreateBlockInput extends TimeWindowInput {
  owner: Assignee;
  reason?: string;
  /** Reserve the time even if the owner has appointments then (they are kept). */
  force?: boolean;
}

export interface DeletedBlock {
  block: ScheduleBlock;
  deletedAt: Date;
  actorUserId: string;
  reason?: string;
}
