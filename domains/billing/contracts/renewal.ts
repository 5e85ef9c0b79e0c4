/** One renewal notice a sweep claimed: the contract term it is about and when that term ends. */
export interface RenewalNotice {
  tenantId: string;
  contractId: string;
  clientId: string;
  /** Last day of the term (the contract's end date when the notice went out), YYYY-MM-DD. */
  termEndDate: string;
  /** Midnight at the start of the end date, in the tenant's time zone. */
  renewalAt: Date;
  /** Calendar days from the sweep's day (tenant's zone) to the end date; 0 on the end date itself. */
  daysUntilRenewal: number;
}
