import { CountField, DateTimeField, DomainPayload, UuidField } from '../../../lib/kit';
import { assets } from '../module';

@assets.event({
  type: 'ASSET_WARRANTY_EXPIRING',
  name: 'Asset Warranty Expiring',
  description:
    "An asset's warranty ends within the notice window (AssetSettings.warrantyNoticeDays, 30 by default). " +
    'Emitted by the warranty sweeper once per asset and warranty end date: a later sweep stays silent, and a ' +
    'warranty extended to a new end date is announced again when that date comes near. Not emitted for ' +
    'warranties that have already ended or for assets without one.',
})
export class AssetWarrantyExpiringPayload extends DomainPayload {
  @UuidField({ description: 'The asset' }) assetId!: string;
  @DateTimeField({ description: 'When the warranty ends' }) expiresAt!: string;
  @CountField({ description: 'Whole days until it ends, rounded down (0 on the last day)', examples: [30, 7] }) daysUntilExpiry!: number;
  @UuidField({ optional: true, description: 'Client the asset belongs to' }) clientId?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    ASSET_WARRANTY_EXPIRING: AssetWarrantyExpiringPayload;
  }
}
