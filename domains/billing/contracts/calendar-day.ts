import { DateTime } from 'luxon';

/**
 * Calendar days of a tenant's time zone (luxon supplies the zone rules). Dates are YYYY-MM-DD
 * strings, the way contracts store them.
 */

/** The calendar date `now` falls on in `zone`. */
export const dayIn = (now: Date, zone: string): string => DateTime.fromJSDate(now, { zone }).toISODate()!;

/** The first instant of `date` in `zone` (the first existing one where a DST change skips midnight). */
export const startOfDayIn = (date: string, zone: string): Date => DateTime.fromISO(date, { zone }).startOf('day').toJSDate();

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); zone-independent. */
export const daysFromTo = (from: string, to: string): number =>
  Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
