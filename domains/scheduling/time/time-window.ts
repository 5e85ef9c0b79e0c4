import { ianaZone, resolveTime } from './zoned-time';
import { SchedulingTimeError } from './time-errors';

/** A stretch of calendar time: stored as UTC instants with the IANA zone it was booked in. */
export interface TimeWindow {
  startAt: Date;
  endAt: Date;
  /** IANA zone name; the window's wall-clock meaning (what a calendar shows). */
  timezone: string;
}

/**
 * A window as callers give it: `start` and `end` as wall-clock times in `timezone`
 * (`2026-03-09T09:00`) or as instants with an offset. Whole minutes only.
 */
export interface TimeWindowInput {
  start: string;
  end: string;
  timezone: string;
}

/** The longest window one appointment or block may span. */
export const MAX_WINDOW_DAYS = 31;

/**
 * Checks and resolves a window: real zone, times that exist there, whole minutes, end after
 * start. Without `end`, the window lasts `defaultLengthMs` (a move that keeps the length).
 */
export function resolveWindow(input: Omit<TimeWindowInput, 'end'> & { end?: string }, defaultLengthMs?: number): TimeWindow {
  if (!input || typeof input !== 'object') throw new SchedulingTimeError('start', 'is required');
  const zone = ianaZone('timezone', input.timezone);
  const startAt = resolveTime('start', input.start, zone);
  const endAt = input.end === undefined && defaultLengthMs !== undefined ? new Date(startAt.getTime() + defaultLengthMs) : resolveTime('end', input.end, zone);
  for (const [field, at] of [['start', startAt], ['end', endAt]] as const) {
    if (at.getTime() % 60_000 !== 0) throw new SchedulingTimeError(field, 'must fall on a whole minute');
  }
  if (endAt.getTime() <= startAt.getTime()) throw new SchedulingTimeError('end', 'must be after start');
  if (endAt.getTime() - startAt.getTime() > MAX_WINDOW_DAYS * 24 * 3_600_000) throw new SchedulingTimeError('end', `must be at most ${MAX_WINDOW_DAYS} days after start`);
  return { startAt, endAt, timezone: zone.name };
}
