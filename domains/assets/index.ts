import { AssetRepository } from './assets/asset-repository';
import { AssetService } from './assets/asset-service';
import { assetsMigration } from './assets/asset.migration';
import { assets } from './module';
import { OwnershipService } from './ownership/ownership-service';
import { PartyDirectory, UncheckedPartyDirectory } from './ownership/party-directory';
import { SiteService } from './sites/site-service';
import { WarrantySweeper } from './warranty/warranty-sweeper';

/** The assets module's public surface: other modules and applications import only this file. */
export * from './assets/asset.events';
export * from './ownership/ownership.events';
export * from './warranty/warranty.events';
export * from './assets/asset';
export * from './assets/asset-errors';
export * from './ownership/owner';
export * from './ownership/ownership';
export * from './ownership/ownership-errors';
export * from './sites/site';
export * from './warranty/warranty';
export { AssetSettings } from './settings';
export { AssetService } from './assets/asset-service';
export { OwnershipService } from './ownership/ownership-service';
export { PartyDirectory, UncheckedPartyDirectory } from './ownership/party-directory';
export { SiteService } from './sites/site-service';
export { WarrantySweeper } from './warranty/warranty-sweeper';

export const assetsModule = assets.define({
  services: [AssetRepository, SiteService, AssetService, OwnershipService],
  sweepers: [WarrantySweeper],
  provides: [{ token: PartyDirectory, useClass: UncheckedPartyDirectory }],
  migrations: [assetsMigration],
  tables: ['assets', 'asset_sites', 'asset_warranty_notices'],
});
