import { DateTime } from 'luxon';
import { injectable } from 'tsyringe';
import { actionTime, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { RecurringBillingService } from './recurring-billing-service';
import { RecurringBillingRun } from './recurring-run';
import { toSchedule } from './recurring-schedule-service';

/**
 * Starts scheduled recurring billing runs: for every enabled schedule whose day of the month has
 * come in the tenant's billing time zone, the run of the current month (RecurringBillingService
 * .runScheduled), as the system for that tenant. Exactly once per schedule and month, even with
 * concurrent sweeps: the run's start claims (tenant, schedule, month), and only the claimant runs.
 * The events are the runs' own (RECURRING_BILLING_RUN_STARTED with scheduleId, then COMPLETED or
 * FAILED). Runs as `wfe sweep billing` and inside `wfe serve`.
 */
@injectable()
export class RecurringBillingScheduler {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly billingSettings: BillingSettingsService,
    private readonly recurring: RecurringBillingService,
  ) {}

  async sweep(now: Date = actionTime()): Promise<RecurringBillingRun[]> {
    const schedules = (await this.uow.db('billing_recurring_schedules').where({ enabled: true }).orderBy(['tenant', 'schedule_id'])).map(toSchedule);
    const started: RecurringBillingRun[] = [];
    for (const schedule of schedules) {
      const { timezone } = await this.billingSettings.forTenant(schedule.tenantId);
      const local = DateTime.fromJSDate(now, { zone: timezone });
      if (local.day < schedule.dayOfMonth) continue;
      const run = await withEmissionContext({ tenantId: schedule.tenantId, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, () =>
        this.recurring.runScheduled(schedule.id, local.toFormat('yyyy-MM')),
      );
      if (run) started.push(run);
    }
    return started;
  }
}
