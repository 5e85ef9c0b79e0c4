import { SchedulingInputError } from '../scheduling-input-error';

/** A time, zone or window a scheduling action refused; `field` names the input (`start`, `end`, `timezone`, …). */
export class SchedulingTimeError extends SchedulingInputError {
  constructor(field: string, reason: string, code = 'SCHEDULING_TIME_INVALID') {
    super(field, reason, code);
  }
}

/**
 * A wall-clock time that never happens in the zone: the clocks skip it when daylight saving time
 * starts (e.g. 02:30 on 2026-03-08 in America/New_York). Refused rather than silently shifted.
 */
export class NonexistentLocalTimeError extends SchedulingTimeError {
  constructor(
    field: string,
    readonly localTime: string,
    readonly timezone: string,
    offsets: { before: string; after: string },
  ) {
    super(
      field,
      `${localTime} does not exist in ${timezone}: the clocks skip it (UTC offset ${offsets.before} → ${offsets.after}); pick a time outside the gap`,
      'LOCAL_TIME_NONEXISTENT',
    );
  }
}
