/**
 * A tenant's billing schedule: on `dayOfMonth` of every month (the tenant's billing time zone),
 * the scheduler sweep starts the recurring billing run of that month, once.
 */
export interface RecurringSchedule {
  id: string;
  tenantId: string;
  /** 1–28, so every month has it. */
  dayOfMonth: number;
  enabled: boolean;
}

export interface ConfigureScheduleInput {
  dayOfMonth?: number;
  enabled?: boolean;
}
