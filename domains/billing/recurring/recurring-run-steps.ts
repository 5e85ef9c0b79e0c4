import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, currentUserId, DomainError, EmitsEvent, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { ContractRepository } from '../contracts/contract-repository';
import { billingPeriod, isBillingMonth } from './billing-period';
import { ContractBiller } from './contract-biller';
import { RecurringBillingRun, RecurringRunItem, StartRecurringRunInput } from './recurring-run';
import { RecurringRunStateError } from './recurring-run-errors';
import { runCompleted, runFailed, runStarted } from './recurring-run-mappers';
import { RecurringRunRepository } from './recurring-run-repository';

const MESSAGE_MAX = 1000;

/**
 * The three decorated steps of a recurring billing run, each its own unit of work when called
 * from RecurringBillingService.run (which is how runs are meant to be started).
 */
@injectable()
export class RecurringRunSteps {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly runs: RecurringRunRepository,
    private readonly contracts: ContractRepository,
    private readonly biller: ContractBiller,
  ) {}

  /**
   * Records a running run for the period. With `scheduleId`, first claims the schedule's period
   * (billing_schedule_periods' key): when another sweep already did, nothing is written and it
   * resolves with nothing (no event). @throws RecurringRunInputError naming `period`
   */
  @EmitsEvent('RECURRING_BILLING_RUN_STARTED', runStarted)
  async start(input: StartRecurringRunInput, scheduleId?: string): Promise<RecurringBillingRun | undefined> {
    const period = billingPeriod(input?.period);
    const id = uuidv4();
    if (scheduleId) {
      const key = { tenant: currentTenant('RecurringRunSteps.start'), schedule_id: scheduleId, period: period.period };
      if (!(await insertIfAbsent(this.uow.db, 'billing_schedule_periods', { ...key, run_id: id }, Object.keys(key)))) return undefined;
    }
    await this.runs.insert({
      schedule_id: scheduleId ?? null,
      run_id: id,
      period: period.period,
      period_start: period.start,
      period_end: period.end,
      status: 'running',
      initiated_by_user_id: currentUserId() ?? null,
      started_at: actionTime(),
    });
    return this.runs.get(id);
  }

  /**
   * Bills every active contract due in the run's period (billing-period.ts), one after the other
   * in id order, and completes the run with its counts. All in one transaction: if anything but a
   * contract's own refusal goes wrong, nothing of the run is billed and the caller fails it.
   */
  @EmitsEvent('RECURRING_BILLING_RUN_COMPLETED', runCompleted)
  async bill(runId: string): Promise<RecurringBillingRun> {
    const run = await this.runs.get(runId, true);
    if (run.status !== 'running') throw new RecurringRunStateError(run.id, run.status, 'complete');
    const period = billingPeriod(run.period);
    const due = (await this.contracts.activeOverlapping(period.start, period.end)).filter((c) => isBillingMonth(c, period));
    const items: RecurringRunItem[] = [];
    for (const contract of due) items.push(await this.biller.bill(contract, period, run.id));
    await this.runs.addItems(run.id, items);
    const count = (outcome: RecurringRunItem['outcome']) => items.filter((i) => i.outcome === outcome).length;
    const warnings = [
      ...due.flatMap((c, i) => (items[i].outcome === 'not_billable' ? [`Contract ${c.id} (${c.name}) was not billed: ${items[i].reason}`] : [])),
      ...(count('already_billed') ? [`${count('already_billed')} contract(s) were already billed for ${period.period} and were skipped`] : []),
    ];
    await this.runs.finish(run.id, 'completed', {
      completed_at: actionTime(),
      invoices_created: count('invoiced'),
      failed_count: count('not_billable'),
      already_billed_count: count('already_billed'),
      warnings: JSON.stringify(warnings),
    });
    return this.runs.get(run.id);
  }

  /**
   * Marks a running run failed with its cause: `errorCode` (the error's code, else
   * RECURRING_BILLING_RUN_ERROR), its message, and whether starting the period again may help
   * (not for a domain refusal). @throws RecurringRunStateError when the run is not running
   */
  @EmitsEvent('RECURRING_BILLING_RUN_FAILED', runFailed)
  async fail(runId: string, cause: unknown): Promise<RecurringBillingRun> {
    const run = await this.runs.get(runId, true);
    const err = cause instanceof Error ? cause : new Error(String(cause));
    const code = typeof (err as any).code === 'string' && (err as any).code ? String((err as any).code).slice(0, 64) : 'RECURRING_BILLING_RUN_ERROR';
    const finished = await this.runs.finish(run.id, 'failed', {
      failed_at: actionTime(),
      error_code: code,
      error_message: (err.message || err.name).slice(0, MESSAGE_MAX),
      retryable: !(err instanceof DomainError),
    });
    if (!finished) throw new RecurringRunStateError(run.id, run.status, 'fail');
    return this.runs.get(run.id);
  }
}
