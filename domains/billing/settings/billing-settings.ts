/** A tenant's billing settings as services read them. */
export interface BillingSettings {
  /** IANA time zone whose calendar days due dates and overdue days are counted in. Default UTC. */
  timezone: string;
  /**
   * The staff user automatic billing actions are attributed to (Stripe webhooks, the overdue
   * sweep) in the spec's required user fields (appliedByUserId, actorUserId, …). Unset: the user
   * who sent the invoice (or started the collection) is named instead.
   */
  automationUserId?: string;
}

export interface ConfigureBillingInput {
  timezone?: string;
  /** null clears it. */
  automationUserId?: string | null;
}
