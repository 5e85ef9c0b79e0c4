import { BooleanField, CountField, DateTimeField, DomainPayload, StringArrayField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

/** Every run event names its run. */
abstract class RecurringRunPayload extends DomainPayload {
  @UuidField({ description: 'The recurring billing run' }) runId!: string;
}

@billing.event({
  type: 'RECURRING_BILLING_RUN_STARTED',
  name: 'Recurring Billing Run Started',
  subject: 'runId',
  description:
    'A recurring billing run for one billing period (a calendar month) of a tenant started: by hand (a user, or ' +
    '`wfe billing run-period`) or by the tenant\'s billing schedule (scheduleId; once per schedule and month). It ends with exactly one RECURRING_BILLING_RUN_COMPLETED or RECURRING_BILLING_RUN_FAILED; the ' +
    'invoices it drafts arrive as INVOICE_GENERATED only when it completes. Starting the same period again is ' +
    'allowed and bills nothing twice.',
})
export class RecurringBillingRunStartedPayload extends RecurringRunPayload {
  @UuidField({ optional: true, description: "The tenant's billing schedule that started the run; absent for a run started by hand" })
  scheduleId?: string;

  @DateTimeField({ description: 'When the run started' }) startedAt!: string;
  @UuidField({ optional: true, description: 'Internal user who started the run; absent when the system did' }) initiatedByUserId?: string;
}

@billing.event({
  type: 'RECURRING_BILLING_RUN_COMPLETED',
  name: 'Recurring Billing Run Completed',
  subject: 'runId',
  description:
    'A recurring billing run finished: every active contract due in its period was billed (a draft invoice each, ' +
    'INVOICE_GENERATED), was already billed for the period by an earlier or concurrent run, or could not be billed ' +
    '(counted in failedCount and named in warnings, e.g. a contract without lines). A run that stopped on an error is ' +
    'RECURRING_BILLING_RUN_FAILED instead.',
})
export class RecurringBillingRunCompletedPayload extends RecurringRunPayload {
  @DateTimeField({ description: 'When the run completed' }) completedAt!: string;
  @CountField({ description: 'Draft invoices this run generated (contracts billed by an earlier run are not counted)', example: 12 })
  invoicesCreated!: number;
  @CountField({ description: 'Contracts due in the period that could not be billed (each named in warnings)', example: 0 }) failedCount!: number;
  @StringArrayField({ optional: true, description: 'One line per contract not billed and why, plus a note of contracts already billed for the period' })
  warnings?: string[];
}

@billing.event({
  type: 'RECURRING_BILLING_RUN_FAILED',
  name: 'Recurring Billing Run Failed',
  subject: 'runId',
  description:
    'A recurring billing run stopped on an error (not a single contract\'s refusal: those are reported by ' +
    'RECURRING_BILLING_RUN_COMPLETED). Nothing of the run was billed: its invoices were rolled back. When retryable, ' +
    'running the same period again may succeed.',
})
export class RecurringBillingRunFailedPayload extends RecurringRunPayload {
  @DateTimeField({ description: 'When the run failed' }) failedAt!: string;
  @StringField({ optional: true, description: "The cause's error code (a database or domain code), else RECURRING_BILLING_RUN_ERROR", example: 'ECONNRESET' })
  errorCode?: string;
  @StringField({ description: 'What went wrong, as the cause reported it (at most 1000 characters)' }) errorMessage!: string;
  @BooleanField({ optional: true, description: 'Whether running the period again may succeed (false for a business refusal)' }) retryable?: boolean;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    RECURRING_BILLING_RUN_STARTED: RecurringBillingRunStartedPayload;
    RECURRING_BILLING_RUN_COMPLETED: RecurringBillingRunCompletedPayload;
    RECURRING_BILLING_RUN_FAILED: RecurringBillingRunFailedPayload;
  }
}
