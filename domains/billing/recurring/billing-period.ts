import { DateTime } from 'luxon';
import { BillingFrequency, Contract } from '../contracts/contract';
import { RecurringRunInputError } from './recurring-run-errors';

/**
 * Billing periods are calendar months. A contract is billed in advance, in full, in the month its
 * term starts and then every 1, 3 or 12 months (monthly, quarterly, annually) while its term lasts;
 * each invoice covers the service period from that month's first day through the last day of the
 * month before the next billing. No proration: a term starting or ending mid-period bills the
 * whole period.
 */

export interface BillingPeriod {
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD */
  start: string;
  end: string;
}

const MONTHS: Record<BillingFrequency, number> = { monthly: 1, quarterly: 3, annually: 12 };

const month = (yyyyMm: string) => DateTime.fromISO(`${yyyyMm}-01`, { zone: 'UTC' });

/** The calendar month `period` (YYYY-MM). @throws RecurringRunInputError naming `period`. */
export function billingPeriod(period: unknown): BillingPeriod {
  const valid = typeof period === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(period) && month(period).isValid;
  if (!valid) throw new RecurringRunInputError('period', 'must be a calendar month YYYY-MM');
  const first = month(period as string);
  return { period: period as string, start: first.toISODate()!, end: first.endOf('month').toISODate()! };
}

/** Whether the billing calendar of an active contract covering the period puts a billing in it. */
export function isBillingMonth(contract: Contract, p: BillingPeriod): boolean {
  const since = Math.round(month(p.period).diff(month(contract.startDate.slice(0, 7)), 'months').months);
  return since >= 0 && since % MONTHS[contract.billingFrequency] === 0;
}

/** The service period an invoice of `p` covers: 1, 3 or 12 months from the period's first day. */
export function servicePeriod(contract: Contract, p: BillingPeriod): { start: string; end: string } {
  const end = month(p.period).plus({ months: MONTHS[contract.billingFrequency] - 1 }).endOf('month');
  return { start: p.start, end: end.toISODate()! };
}
