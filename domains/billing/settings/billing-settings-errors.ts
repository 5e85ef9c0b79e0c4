import { DomainInputError, DomainStateError } from '../../../lib/kit';

/** configure() refused its input; `field` names it (`timezone`, `automationUserId`). */
export class BillingSettingsInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'BILLING_SETTINGS_INVALID', 'billing settings');
  }
}

/**
 * An automatic action (webhook, sweep) must name a user in a required event field, and there is
 * none: no automationUserId configured and no user on the record. Configure one.
 */
export class BillingAttributionError extends DomainStateError {
  constructor(action: string) {
    super(`${action} runs without a user and the tenant has no billing automationUserId configured to attribute it to`, 'BILLING_ATTRIBUTION_MISSING');
  }
}
