import { EmissionContextView } from '../../../lib/kit';
import { Appointment, AppointmentChange } from './appointment';
import { assigneeChanged, windowMoved } from './appointment-mappers';
import { entryChanges } from './schedule-entry';

/** Result → payload for the legacy SCHEDULE_ENTRY_* events (the calendar row beneath an appointment). */

export const entryCreated = (c: AppointmentChange) => ({ entryId: c.after.id, userId: c.actorUserId, changes: entryChanges(undefined, c.after) });

/** A move in time or a hand-over to another calendar; nothing when neither happened. */
export const entryUpdated = (c: AppointmentChange) =>
  c.before && (windowMoved(c) || assigneeChanged(c)) ? { entryId: c.after.id, userId: c.actorUserId, changes: entryChanges(c.before, c.after) } : undefined;

export const entryDeleted = (a: Appointment, _args: unknown, ctx: EmissionContextView) => ({ entryId: a.id, userId: ctx.actorUserId! });
