import { readDate } from '../../../lib/kit';
import { OwnerType } from '../ownership/owner';
import { Asset } from './asset';

/** A row of `assets` as services return it. */
export function toAsset(row: any): Asset {
  return {
    id: row.asset_id,
    tenantId: row.tenant,
    name: row.name,
    assetType: row.asset_type ?? undefined,
    serialNumber: row.serial_number ?? undefined,
    clientId: row.client_id ?? undefined,
    ownerType: (row.owner_type as OwnerType | null) ?? undefined,
    ownerId: row.owner_id ?? undefined,
    warrantyExpiresAt: readDate(row.warranty_expires_at) ?? undefined,
    createdByUserId: row.created_by_user_id,
    createdAt: readDate(row.created_at)!,
    updatedAt: readDate(row.updated_at)!,
  };
}

/** The fields ASSET_UPDATED reports, flat, as update() compares them (dates as ISO strings). */
export function editableView(a: Asset): Record<string, unknown> {
  return {
    name: a.name,
    assetType: a.assetType ?? null,
    serialNumber: a.serialNumber ?? null,
    clientId: a.clientId ?? null,
    warrantyExpiresAt: a.warrantyExpiresAt?.toISOString() ?? null,
  };
}
