import { injectable } from 'tsyringe';
import { billingPeriod } from './billing-period';
import { RecurringBillingRun, StartRecurringRunInput } from './recurring-run';
import { RecurringRunRepository } from './recurring-run-repository';
import { RecurringRunSteps } from './recurring-run-steps';

/**
 * Recurring billing: a run for a billing period (a calendar month) drafts an invoice, through
 * InvoiceService.generate, for every active contract due in it (billing-period.ts has the
 * calendar). Runs for the acting tenant; staff or the system may start one.
 *
 * - The same period twice bills nothing twice: each contract and period is claimed once
 *   (billing_contract_periods); the second run reports those contracts as already billed. Two
 *   runs of one period at once bill each contract once between them.
 * - A contract that cannot be billed (no lines, or an invoice refusal) is reported in the run
 *   (`items`, `failedCount`, `warnings`) and the others are still billed.
 * - Anything else going wrong fails the run: none of its invoices are kept, the run is recorded
 *   as failed with the cause (RECURRING_BILLING_RUN_FAILED), and running the period again retries it.
 */
@injectable()
export class RecurringBillingService {
  constructor(
    private readonly steps: RecurringRunSteps,
    private readonly runs: RecurringRunRepository,
  ) {}

  /**
   * Runs the period: RECURRING_BILLING_RUN_STARTED, then _COMPLETED with its counts or _FAILED
   * with its cause. Resolves with the run as it ended (status `completed` or `failed`); a failure
   * is reported, not thrown. @throws RecurringRunInputError naming `period` (nothing written)
   */
  async run(input: StartRecurringRunInput): Promise<RecurringBillingRun> {
    billingPeriod(input?.period);
    return (await this.complete(await this.steps.start(input)))!;
  }

  /**
   * The run a billing schedule starts for `period`, run by the system (RecurringBillingScheduler):
   * undefined when the schedule already started that period (nothing emitted). A failed scheduled
   * run is not retried by the schedule; run the period by hand (`run`) once the cause is fixed.
   */
  async runScheduled(scheduleId: string, period: string): Promise<RecurringBillingRun | undefined> {
    return this.complete(await this.steps.start({ period }, scheduleId));
  }

  private async complete(started: RecurringBillingRun | undefined): Promise<RecurringBillingRun | undefined> {
    if (!started) return undefined;
    try {
      return await this.steps.bill(started.id);
    } catch (err) {
      return this.steps.fail(started.id, err);
    }
  }

  /** A run of the acting tenant with what it did per contract. @throws RecurringRunNotFoundError */
  get(runId: string): Promise<RecurringBillingRun> {
    return this.runs.get(runId);
  }
}
