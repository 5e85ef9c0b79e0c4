import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, insertIfAbsent, readDate, Sweeper, UnitOfWork } from '../../../lib/kit';
import { AssetSettings } from '../settings';
import { WarrantyNotice } from './warranty';
import { warrantiesExpiring } from './warranty-mappers';

const DAY_MS = 86_400_000;

/**
 * ASSET_WARRANTY_EXPIRING for assets whose warranty ends within warrantyNoticeDays. Each notice is
 * claimed by inserting (tenant, asset, end date) into asset_warranty_notices, a primary key: two
 * sweeps at once, or a sweep repeated, emit once per asset and end date; a new end date is a new key.
 */
@injectable()
export class WarrantySweeper implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: AssetSettings,
  ) {}

  @EmitsEvent('ASSET_WARRANTY_EXPIRING', warrantiesExpiring)
  async sweep(now: Date = actionTime()): Promise<WarrantyNotice[]> {
    const db = this.uow.db;
    const horizon = new Date(now.getTime() + this.settings.warrantyNoticeDays * DAY_MS);
    // Across tenants on purpose: sweeps run for no one, and each event takes its asset's tenant.
    const due = await db('assets as a')
      .leftJoin('asset_warranty_notices as n', function () {
        this.on('n.tenant', '=', 'a.tenant').andOn('n.asset_id', '=', 'a.asset_id').andOn('n.warranty_expires_at', '=', 'a.warranty_expires_at');
      })
      .whereNull('n.asset_id')
      .where('a.warranty_expires_at', '>', now)
      .where('a.warranty_expires_at', '<=', horizon)
      .select('a.asset_id', 'a.tenant', 'a.client_id', 'a.warranty_expires_at');
    const claimed: WarrantyNotice[] = [];
    for (const row of due) {
      const won = await insertIfAbsent(db, 'asset_warranty_notices', { tenant: row.tenant, asset_id: row.asset_id, warranty_expires_at: row.warranty_expires_at, notified_at: now }, ['tenant', 'asset_id', 'warranty_expires_at']);
      if (!won) continue;
      const expiresAt = readDate(row.warranty_expires_at)!;
      claimed.push({
        tenantId: row.tenant,
        assetId: row.asset_id,
        clientId: row.client_id ?? undefined,
        expiresAt,
        daysUntilExpiry: Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS),
      });
    }
    return claimed;
  }
}
