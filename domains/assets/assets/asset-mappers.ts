import { iso, when } from '../../../lib/kit';
import { Asset, AssetChangeSet } from './asset';

/** Asset results → payloads of ASSET_CREATED and ASSET_UPDATED. */

export const assetCreated = (a: Asset) => ({
  assetId: a.id,
  clientId: a.clientId,
  createdByUserId: a.createdByUserId,
  createdAt: iso(a.createdAt),
  assetType: a.assetType,
  serialNumber: a.serialNumber,
});

export const assetUpdated = when(
  (s: AssetChangeSet) => Object.keys(s.changes).length > 0,
  (s) => ({ assetId: s.after.id, updatedByUserId: s.byUserId, updatedAt: iso(s.at), updatedFields: Object.keys(s.changes), changes: s.changes }),
);
