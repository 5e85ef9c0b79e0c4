/**
 * A tenant's contract renewal settings, as RenewalSettingsService returns them. The calendar the
 * days are counted in is the tenant's billing time zone (BillingSettingsService, default UTC).
 */
export interface RenewalSettings {
  /** CONTRACT_RENEWAL_UPCOMING fires this many calendar days before a term's end date (1–365). */
  renewalNoticeDays: number;
}

/** What a tenant that never changed its settings gets. */
export const DEFAULT_RENEWAL_SETTINGS: Readonly<RenewalSettings> = { renewalNoticeDays: 30 };

export const MAX_RENEWAL_NOTICE_DAYS = 365;
