import { DateTime } from 'luxon';
import { CsatWindow } from './csat';

const UNIT: Record<CsatWindow, 'day' | 'week' | 'month'> = { daily: 'day', weekly: 'week', monthly: 'month' };

/** The UTC period of `window` containing `at` (ISO weeks start on Monday), and the one before it. */
export function periodsOf(window: CsatWindow, at: Date): { current: { start: Date; end: Date }; previous: { start: Date; end: Date } } {
  const unit = UNIT[window];
  const start = DateTime.fromJSDate(at, { zone: 'utc' }).startOf(unit);
  const end = start.plus({ [unit + 's']: 1 });
  const before = start.minus({ [unit + 's']: 1 });
  return { current: { start: start.toJSDate(), end: end.toJSDate() }, previous: { start: before.toJSDate(), end: start.toJSDate() } };
}

/** CSAT in percent: satisfied answers (4 or 5 of 5) over all answers, one decimal. */
export function csatPercent(scores: number[]): number {
  const satisfied = scores.filter((s) => s >= 4).length;
  return Math.round((satisfied / scores.length) * 1000) / 10;
}
