import { iso, nonEmpty } from '../../../lib/kit';
import { RecurringBillingRun } from './recurring-run';

/** Run results → payloads of RECURRING_BILLING_RUN_STARTED, _COMPLETED and _FAILED. */

/** No event when a schedule's period was already started by another sweep (start resolved with nothing). */
export const runStarted = (r: RecurringBillingRun | undefined) =>
  r && {
    runId: r.id,
    scheduleId: r.scheduleId,
    startedAt: iso(r.startedAt),
    initiatedByUserId: r.initiatedByUserId,
  };

export const runCompleted = (r: RecurringBillingRun) => ({
  runId: r.id,
  completedAt: iso(r.completedAt!),
  invoicesCreated: r.invoicesCreated,
  failedCount: r.failedCount,
  warnings: nonEmpty(r.warnings),
});

export const runFailed = (r: RecurringBillingRun) => ({
  runId: r.id,
  failedAt: iso(r.failedAt!),
  errorCode: r.errorCode,
  errorMessage: r.errorMessage!,
  retryable: r.retryable,
});
