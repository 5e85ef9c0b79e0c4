import { EmissionContextView, iso, isoOrUndefined } from '../../../lib/kit';
import { Appointment, AppointmentChange } from './appointment';

/** Result → payload for the APPOINTMENT_* events; a change that did not happen maps to no event. */

const ids = (a: Appointment) => ({ appointmentId: a.id, ticketId: a.ticketId });

export const appointmentCreated = (c: AppointmentChange) => ({
  ...ids(c.after),
  startAt: iso(c.after.startAt),
  endAt: iso(c.after.endAt),
  timezone: c.after.timezone,
  assigneeId: c.after.assignee?.id,
  assigneeType: c.after.assignee?.type,
  createdByUserId: c.after.createdByUserId,
  createdAt: iso(c.after.createdAt),
  location: c.after.location,
});

/** The window moved (start, end or zone). */
export const windowMoved = (c: AppointmentChange): boolean =>
  !!c.before &&
  (c.before.startAt.getTime() !== c.after.startAt.getTime() || c.before.endAt.getTime() !== c.after.endAt.getTime() || c.before.timezone !== c.after.timezone);

export const appointmentRescheduled = (c: AppointmentChange) =>
  windowMoved(c)
    ? {
        ...ids(c.after),
        previousStartAt: iso(c.before!.startAt),
        previousEndAt: iso(c.before!.endAt),
        newStartAt: iso(c.after.startAt),
        newEndAt: iso(c.after.endAt),
        timezone: c.after.timezone,
        actorUserId: c.actorUserId,
        rescheduledAt: iso(c.at),
        reason: c.reason,
      }
    : undefined;

/** The assignee changed (or was set at booking). */
export const assigneeChanged = (c: AppointmentChange): boolean =>
  !!c.after.assignee && (c.before?.assignee?.id !== c.after.assignee.id || c.before?.assignee?.type !== c.after.assignee.type);

export const appointmentAssigned = (c: AppointmentChange) =>
  assigneeChanged(c)
    ? {
        ...ids(c.after),
        previousAssigneeId: c.before?.assignee?.id,
        previousAssigneeType: c.before?.assignee?.type,
        newAssigneeId: c.after.assignee!.id,
        newAssigneeType: c.after.assignee!.type,
        actorUserId: c.actorUserId,
        assignedAt: iso(c.at),
      }
    : undefined;

export const appointmentCanceled = (a: Appointment, _args: unknown, ctx: EmissionContextView) => ({
  ...ids(a),
  actorUserId: ctx.actorUserId!,
  canceledAt: iso(a.canceledAt!),
  reason: a.cancelReason,
});

export const appointmentCompleted = (a: Appointment, _args: unknown, ctx: EmissionContextView) => ({
  ...ids(a),
  actorUserId: ctx.actorUserId!,
  completedAt: iso(a.completedAt!),
  outcome: a.outcome,
});

export const appointmentNoShow = (a: Appointment, _args: unknown, ctx: EmissionContextView) => ({
  ...ids(a),
  actorUserId: ctx.actorUserId!,
  markedAt: isoOrUndefined(a.noShowAt)!,
  party: a.noShowParty!,
});
