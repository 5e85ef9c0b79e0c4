/** An asset whose warranty ends within the notice window, claimed by one sweep. */
export interface WarrantyNotice {
  tenantId: string;
  assetId: string;
  clientId?: string;
  expiresAt: Date;
  /** Whole days left, rounded down (0 on the last day). */
  daysUntilExpiry: number;
}
