import { isUUID } from 'class-validator';
import { TimeWindow, TimeWindowInput, resolveWindow } from '../time/time-window';
import { Assignee, ASSIGNEE_TYPES } from './appointment';
import { SchedulingInputError } from '../scheduling-input-error';

/** A booking: a window (wall-clock times in `timezone`, or instants) and what the visit is. */
export interface BookAppointmentInput extends TimeWindowInput {
  title: string;
  /** The ticket the visit is for; must be an open ticket of the tenant. */
  ticketId?: string;
  /** The CRM client visited (default: the ticket's client). */
  clientId?: string;
  location?: string;
  /** The technician (user) or team booked. */
  assignee?: Assignee;
  /** The team whose daily capacity this books; default the assignee when that is a team. */
  teamId?: string;
  /** Book even if the assignee has appointments or blocks then. */
  force?: boolean;
}

/** A move: the new start and (default: same length) end, read in `timezone` (default: the appointment's zone). */
export interface RescheduleInput {
  start: string;
  end?: string;
  timezone?: string;
  reason?: string;
  force?: boolean;
}

export interface AssignOptions {
  /** The team whose capacity it books from now on; `null` for none. Default: unchanged (the new assignee when that is a team). */
  teamId?: string | null;
  force?: boolean;
}

const refuse = (field: string, reason: string): never => {
  throw new SchedulingInputError(field, reason);
};

export const checkUuid = (field: string, value: unknown): void => {
  if (typeof value !== 'string' || !isUUID(value, 'all')) refuse(field, 'must be a UUID');
};

/** Free text that, when given, is a non-blank string of at most `max` characters; trimmed. */
export function optionalText(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value.trim()) return refuse(field, 'must be non-empty text when given');
  if (value.trim().length > max) refuse(field, `must be at most ${max} characters`);
  return value.trim();
}

export function checkAssignee(field: string, assignee: unknown): Assignee {
  const a = assignee as Partial<Assignee> | undefined;
  if (!a || typeof a !== 'object') return refuse(field, 'must be { id, type }');
  if (!(ASSIGNEE_TYPES as readonly string[]).includes(a.type as string)) refuse(`${field}.type`, `must be one of ${ASSIGNEE_TYPES.join(', ')}`);
  checkUuid(`${field}.id`, a.id);
  return { id: a.id!, type: a.type! };
}

/** The team whose capacity an assignee books: a team assignee is its own team; another team than that is refused. */
export function capacityTeam(assignee: Assignee | undefined, teamId: string | null | undefined, current?: string): string | undefined {
  if (teamId) checkUuid('teamId', teamId);
  if (assignee?.type === 'team') {
    if (teamId && teamId !== assignee.id) refuse('teamId', 'must be the assignee itself when the assignee is a team');
    return assignee.id;
  }
  return teamId === null ? undefined : teamId ?? current;
}

export interface CheckedBooking {
  window: TimeWindow;
  title: string;
  location?: string;
  assignee?: Assignee;
  teamId?: string;
}

/** Checks a booking up front: nothing is written if any field is wrong. */
export function checkBooking(input: BookAppointmentInput): CheckedBooking {
  if (!input || typeof input !== 'object') return refuse('input', 'must be an object');
  const title = optionalText('title', input.title, 255) ?? refuse('title', 'must not be empty');
  if (input.ticketId !== undefined) checkUuid('ticketId', input.ticketId);
  if (input.clientId !== undefined) checkUuid('clientId', input.clientId);
  const assignee = input.assignee === undefined ? undefined : checkAssignee('assignee', input.assignee);
  const teamId = capacityTeam(assignee, input.teamId);
  return { window: resolveWindow(input), title, location: optionalText('location', input.location, 1000), assignee, teamId };
}
