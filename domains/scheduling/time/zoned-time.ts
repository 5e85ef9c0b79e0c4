import { DateTime, IANAZone } from 'luxon';
import { NonexistentLocalTimeError, SchedulingTimeError } from './time-errors';

/**
 * Wall-clock times in IANA zones, resolved to instants with the rules of RFC 5545 §3.3.5 rather
 * than the date library's defaults (luxon picks the later of two repeated times in some zones):
 * a local time in a spring-forward gap is refused, a repeated one (fall back) is the earlier
 * occurrence. luxon supplies the zone data (offsets); the resolution rule is ours.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** `2026-03-08T09:00` or `2026-03-08T09:00:00`: a wall-clock time with no offset. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
/** RFC 3339 with an offset or `Z`: an instant. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The zone, checked: an IANA name luxon knows (`Europe/Berlin`, `America/New_York`, `UTC`). */
export function ianaZone(field: string, name: unknown): IANAZone {
  if (typeof name !== 'string' || !name.trim() || !IANAZone.isValidZone(name)) {
    throw new SchedulingTimeError(field, `must be an IANA time zone name such as Europe/Berlin (got ${JSON.stringify(name)})`);
  }
  return IANAZone.create(name);
}

const formatOffset = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/**
 * The instant a wall-clock time names in `zone`. Every offset the zone uses within a day of that
 * time is tried; the candidates are those whose instant really has that offset. None: the time
 * falls in a gap (refused). Two: it is repeated, and the earlier instant wins (RFC 5545).
 */
export function resolveLocalTime(field: string, local: string, zone: IANAZone): Date {
  const m = LOCAL.exec(local);
  const wall = m && DateTime.fromObject(
    { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 },
    { zone: 'utc' },
  );
  if (!m || !wall?.isValid) throw new SchedulingTimeError(field, `must be a local date-time YYYY-MM-DDTHH:mm that exists in the calendar (got ${JSON.stringify(local)})`);
  const wallMs = wall.toMillis();
  const candidates = instantsOfWallTime(wallMs, zone);
  if (!candidates.length) {
    throw new NonexistentLocalTimeError(field, local, zone.name, { before: formatOffset(zone.offset(wallMs - DAY)), after: formatOffset(zone.offset(wallMs + DAY)) });
  }
  return new Date(candidates[0]);
}

/** The instants (epoch ms, earliest first) whose wall clock in `zone` reads `wallMs` (the wall time written as if UTC). */
function instantsOfWallTime(wallMs: number, zone: IANAZone): number[] {
  const offsets = new Set([zone.offset(wallMs - DAY), zone.offset(wallMs), zone.offset(wallMs + DAY)]);
  return [...offsets].map((o) => wallMs - o * MINUTE).filter((t) => zone.offset(t) * MINUTE === wallMs - t).sort((a, b) => a - b);
}

/**
 * Whether the wall-clock time of `at` in `zone` happens twice (the repeated hour when clocks go
 * back). Such a time written as local time with a TZID names the first occurrence only, so a
 * calendar writes it in UTC to stay exact.
 */
export function isRepeatedLocalTime(at: Date, zoneName: string): boolean {
  const zone = IANAZone.create(zoneName);
  return instantsOfWallTime(at.getTime() + zone.offset(at.getTime()) * MINUTE, zone).length > 1;
}

/**
 * A time as callers give it: a wall-clock time in `zone` (`2026-03-09T09:00`, resolved by
 * resolveLocalTime), or an instant with an offset (`2026-03-09T13:00:00Z`), taken as it is.
 */
export function resolveTime(field: string, value: unknown, zone: IANAZone): Date {
  if (typeof value === 'string' && INSTANT.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    if (!instant.isValid) throw new SchedulingTimeError(field, `must name a real date-time (got ${JSON.stringify(value)})`);
    return instant.toJSDate();
  }
  if (typeof value !== 'string') throw new SchedulingTimeError(field, 'must be a local date-time YYYY-MM-DDTHH:mm or an ISO 8601 instant with offset');
  return resolveLocalTime(field, value, zone);
}

/** `2026-03-09T09:00:00-04:00`: the instant as the zone's wall clock shows it, with its offset. */
export const localIso = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true })!;

/**
 * The local calendar days a window touches in `zone`, with the minutes of the window on each.
 * Days are cut at local midnight, so a 23- or 25-hour day counts its real length.
 */
export function minutesPerLocalDay(startAt: Date, endAt: Date, zone: string): Array<{ date: string; minutes: number }> {
  const days: Array<{ date: string; minutes: number }> = [];
  let day = DateTime.fromJSDate(startAt, { zone }).startOf('day');
  while (day.toMillis() < endAt.getTime()) {
    const next = day.plus({ days: 1 });
    const from = Math.max(day.toMillis(), startAt.getTime());
    const to = Math.min(next.toMillis(), endAt.getTime());
    if (to > from) days.push({ date: day.toISODate()!, minutes: Math.round((to - from) / MINUTE) });
    day = next;
  }
  return days;
}

/** The instants where a local day starts and ends in `zone` (half-open). */
export function localDayBounds(date: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}
