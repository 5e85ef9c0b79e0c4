import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, requireStaff, UnitOfWork } from '../../../lib/kit';
import { RecurringRunInputError } from './recurring-run-errors';
import { ConfigureScheduleInput, RecurringSchedule } from './recurring-schedule';

type Row = Record<string, any>;

/**
 * The acting tenant's billing schedule: whether, and on which day of the month, runs start by
 * themselves (RecurringBillingScheduler, on `wfe serve`'s sweep interval or `wfe sweep billing`).
 * No event: a schedule is configuration; the runs it starts carry its id as `scheduleId`.
 */
@injectable()
export class RecurringScheduleService {
  constructor(private readonly uow: UnitOfWork) {}

  /** The schedule, or undefined when the tenant never set one (runs are then started by hand only). */
  async get(): Promise<RecurringSchedule | undefined> {
    const row = await this.uow.db('billing_recurring_schedules').where({ tenant: currentTenant('RecurringScheduleService.get') }).first();
    return row ? toSchedule(row) : undefined;
  }

  /**
   * Sets up or changes the schedule (absent fields keep their value; a new one is enabled on day 1).
   * Staff only. @throws RecurringRunInputError naming `dayOfMonth` (a whole number 1–28) or `enabled` (a boolean)
   */
  async configure(input: ConfigureScheduleInput): Promise<RecurringSchedule> {
    const tenant = currentTenant('RecurringScheduleService.configure');
    requireStaff('RecurringScheduleService.configure');
    const current = await this.get();
    const dayOfMonth = input?.dayOfMonth ?? current?.dayOfMonth ?? 1;
    const enabled = input?.enabled ?? current?.enabled ?? true;
    if (!Number.isSafeInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 28) throw new RecurringRunInputError('dayOfMonth', 'must be a whole number from 1 to 28');
    if (typeof enabled !== 'boolean') throw new RecurringRunInputError('enabled', 'must be true or false');
    const row = { schedule_id: current?.id ?? uuidv4(), tenant, day_of_month: dayOfMonth, enabled, updated_at: actionTime() };
    await this.uow.db('billing_recurring_schedules').insert(row).onConflict('tenant').merge(['day_of_month', 'enabled', 'updated_at']);
    return (await this.get())!;
  }
}

export const toSchedule = (row: Row): RecurringSchedule => ({
  id: row.schedule_id,
  tenantId: row.tenant,
  dayOfMonth: Number(row.day_of_month),
  // SQLite stores booleans as 0/1.
  enabled: Boolean(row.enabled),
});
