import { OwnerType } from '../ownership/owner';

/** An asset as services return it. */
export interface Asset {
  id: string;
  tenantId: string;
  name: string;
  /** Free text, e.g. `laptop`, `firewall`, `printer`. */
  assetType?: string;
  serialNumber?: string;
  /** The client the asset belongs to (the MSP's customer). */
  clientId?: string;
  /** Who holds it now (ASSET_ASSIGNED / ASSET_UNASSIGNED); both set or both absent. */
  ownerType?: OwnerType;
  ownerId?: string;
  /** When the warranty ends; ASSET_WARRANTY_EXPIRING fires warrantyNoticeDays before. */
  warrantyExpiresAt?: Date;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateAssetInput {
  name: string;
  assetType?: string;
  serialNumber?: string;
  clientId?: string;
  warrantyExpiresAt?: Date;
}

/** Fields update() may change; `null` clears an optional field, absent leaves it as it is. */
export interface AssetPatch {
  name?: string;
  assetType?: string | null;
  serialNumber?: string | null;
  clientId?: string | null;
  warrantyExpiresAt?: Date | null;
}

/** What update() did: the asset before and after, and the changed fields (empty: nothing changed, no event). */
export interface AssetChangeSet {
  before: Asset;
  after: Asset;
  changes: Record<string, { previous: unknown; new: unknown }>;
  byUserId: string;
  at: Date;
}
