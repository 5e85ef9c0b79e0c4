import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { RecurringRunStatus } from './recurring-run';

export class RecurringRunNotFoundError extends DomainNotFoundError {
  constructor(readonly runId: string) {
    super('recurring billing run', runId, 'RECURRING_BILLING_RUN_NOT_FOUND');
  }
}

/** A run's input refused before anything was written; `field` names it (`period`). */
export class RecurringRunInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'RECURRING_BILLING_RUN_INPUT_INVALID', 'recurring billing run input');
  }
}

/** The run is no longer running: it cannot be completed or failed again. */
export class RecurringRunStateError extends DomainStateError {
  constructor(
    readonly runId: string,
    readonly status: RecurringRunStatus,
    action: string,
  ) {
    super(`Cannot ${action} recurring billing run ${runId}: it is ${status}`, 'RECURRING_BILLING_RUN_STATE');
  }
}
