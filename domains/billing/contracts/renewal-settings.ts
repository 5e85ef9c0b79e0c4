/** A tenant's contract renewal settings, as RenewalSettingsService returns them. */
export interface RenewalSettings {
  /** CONTRACT_RENEWAL_UPCOMING fires this many calendar days before a term's end date (1–365). */
  renewalNoticeDays: number;
  /** IANA zone whose calendar days count: "today", and the renewal point (midnight of the end date). */
  timeZone: string;
}

/** What a tenant that never changed its settings gets. */
export const DEFAULT_RENEWAL_SETTINGS: Readonly<RenewalSettings> = { renewalNoticeDays: 30, timeZone: 'UTC' };

export const MAX_RENEWAL_NOTICE_DAYS = 365;
