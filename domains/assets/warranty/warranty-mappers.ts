import { iso } from '../../../lib/kit';
import { WarrantyNotice } from './warranty';

/** One ASSET_WARRANTY_EXPIRING per claimed notice, in the asset's tenant, acted by SYSTEM. */
export const warrantiesExpiring = (notices: WarrantyNotice[]) =>
  notices.map((n) => ({
    tenantId: n.tenantId,
    actorType: 'SYSTEM' as const,
    assetId: n.assetId,
    expiresAt: iso(n.expiresAt),
    daysUntilExpiry: n.daysUntilExpiry,
    clientId: n.clientId,
  }));
