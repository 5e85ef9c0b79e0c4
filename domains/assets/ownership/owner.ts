/** Who can hold an asset (the spec's enum(client|contact|site)). */
export const OWNER_TYPES = ['client', 'contact', 'site'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export interface AssetOwner {
  type: OwnerType;
  id: string;
}
