/** Recurring billing runs as RecurringBillingService returns them (no logic here). */

export type RecurringRunStatus = 'running' | 'completed' | 'failed';

/**
 * What a run did with one contract due in its period: `invoiced` (a draft invoice was generated),
 * `already_billed` (an earlier or concurrent run of the period billed it: nothing generated), or
 * `not_billable` (it could not be billed; `reasonCode` and `reason` say why, nothing generated).
 */
export type RunItemOutcome = 'invoiced' | 'already_billed' | 'not_billable';

export interface RecurringRunItem {
  contractId: string;
  outcome: RunItemOutcome;
  /** The invoice generated for the contract's billing period (for `already_billed`, the earlier one). */
  invoiceId?: string;
  reasonCode?: string;
  reason?: string;
}

export interface RecurringBillingRun {
  id: string;
  tenantId: string;
  /** The billing period: a calendar month, YYYY-MM. */
  period: string;
  /** First and last day of the period, YYYY-MM-DD. */
  periodStart: string;
  periodEnd: string;
  status: RecurringRunStatus;
  initiatedByUserId?: string;
  /** The billing schedule that started the run (RecurringScheduleService); absent for a run started by hand. */
  scheduleId?: string;
  startedAt: Date;
  completedAt?: Date;
  failedAt?: Date;
  invoicesCreated: number;
  /** Contracts due in the period that could not be billed. */
  failedCount: number;
  alreadyBilledCount: number;
  /** One line per contract that could not be billed, plus a note of those already billed. */
  warnings: string[];
  /** Why a failed run stopped (nothing of it was billed). */
  errorCode?: string;
  errorMessage?: string;
  /** A failed run may succeed when started again for the same period (a transient cause). */
  retryable?: boolean;
  items: RecurringRunItem[];
}

export interface StartRecurringRunInput {
  /** The calendar month to bill, YYYY-MM. */
  period: string;
}
