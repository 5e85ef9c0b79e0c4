import { readDate } from '../../../lib/kit';
import { Appointment } from './appointment';

type Row = Record<string, any>;
const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;
const optDate = (v: unknown): Date | undefined => readDate(v) ?? undefined;

/** An `appointments` row as the domain reads it. */
export const toAppointment = (r: Row): Appointment => ({
  id: r.appointment_id,
  tenantId: r.tenant,
  title: r.title,
  ticketId: opt(r.ticket_id),
  clientId: opt(r.client_id),
  location: opt(r.location),
  startAt: readDate(r.start_at)!,
  endAt: readDate(r.end_at)!,
  timezone: r.timezone,
  assignee: r.assignee_id ? { id: r.assignee_id, type: r.assignee_type } : undefined,
  teamId: opt(r.team_id),
  status: r.status,
  rescheduleCount: Number(r.reschedule_count),
  createdByUserId: r.created_by_user_id,
  createdAt: readDate(r.created_at)!,
  updatedAt: readDate(r.updated_at)!,
  canceledAt: optDate(r.canceled_at),
  cancelReason: opt(r.cancel_reason),
  completedAt: optDate(r.completed_at),
  outcome: opt(r.outcome),
  noShowAt: optDate(r.no_show_at),
  noShowParty: opt(r.no_show_party),
});
