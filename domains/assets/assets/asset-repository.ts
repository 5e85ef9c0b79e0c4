import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { Asset } from './asset';
import { AssetNotFoundError } from './asset-errors';
import { toAsset } from './asset-rows';

/** Tenant-scoped reads of assets through the current transaction. */
@injectable()
export class AssetRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The asset (row-locked until commit with `lock`); AssetNotFoundError for unknown or another tenant's ids. */
  async get(assetId: string, { lock = false } = {}): Promise<Asset> {
    if (typeof assetId !== 'string' || !isUUID(assetId, 'all')) throw new AssetNotFoundError(String(assetId));
    const db = this.uow.db;
    const row = await db('assets')
      .where({ asset_id: assetId.toLowerCase(), tenant: currentTenant('AssetRepository.get') })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new AssetNotFoundError(assetId);
    return toAsset(row);
  }
}
