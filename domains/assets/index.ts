import 'reflect-metadata';
import { AssetRepository } from './assets/asset-repository';
import { AssetService } from './assets/asset-service';
import { assetsMigration } from './assets/asset.migration';
import { FileIntake } from './media/intake/file-intake';
import { UploadLimits } from './media/intake/upload-limits';
import { MediaFileService } from './media/media-file-service';
import { MediaRepository } from './media/media-repository';
import { mediaMigration } from './media/media.migration';
import { ImageRenderer } from './media/processing/image-renderer';
import { MediaProcessingService } from './media/processing/media-processing-service';
import { MediaProcessor } from './media/processing/media-processor';
import { assets } from './module';
import { assetsRoutes } from './routes';
import { assetsDemo } from './demo';
import { OwnershipService } from './ownership/ownership-service';
import { crmModule } from '../crm';
import { CrmPartyDirectory } from './ownership/crm-party-directory';
import { PartyDirectory } from './ownership/party-directory';
import { SiteService } from './sites/site-service';
import { WarrantySweeper } from './warranty/warranty-sweeper';

/** The assets module's public surface: other modules and applications import only this file. */
export * from './assets/asset.events';
export * from './ownership/ownership.events';
export * from './warranty/warranty.events';
export * from './media/media.events';
export * from './assets/asset';
export * from './assets/asset-errors';
export * from './ownership/owner';
export * from './ownership/ownership';
export * from './ownership/ownership-errors';
export * from './sites/site';
export * from './warranty/warranty';
export * from './media/media-file';
export * from './media/media-errors';
export * from './media/intake/stored-upload';
export * from './media/intake/upload-errors';
export { normaliseFileName, MAX_FILE_NAME_LENGTH } from './media/intake/file-name';
export { INLINE_SAFE_TYPES, canonicalType } from './media/intake/content-type';
export { lockStorageKey } from './media/intake/storage-key-lock';
export { FileIntake } from './media/intake/file-intake';
export { UploadLimits } from './media/intake/upload-limits';
export { MediaFileService, MediaUpload } from './media/media-file-service';
export { MediaProcessingService } from './media/processing/media-processing-service';
export { MediaProcessor } from './media/processing/media-processor';
export { actingCaller } from './media/http/acting-caller';
export { uploadStatusOf } from './media/http/http-status';
export { sendStoredContent } from './media/http/stored-content-reply';
export { AssetSettings } from './settings';
export { AssetService } from './assets/asset-service';
export { OwnershipService } from './ownership/ownership-service';
export { PartyDirectory, UncheckedPartyDirectory } from './ownership/party-directory';
export { CrmPartyDirectory } from './ownership/crm-party-directory';
export { SiteService } from './sites/site-service';
export { WarrantySweeper } from './warranty/warranty-sweeper';

export const assetsModule = assets.define({
  // Owners and an asset's client are checked against CRM (clients, contacts) through its public services.
  dependsOn: [crmModule],
  services: [AssetRepository, SiteService, AssetService, OwnershipService, UploadLimits, FileIntake, MediaRepository, MediaFileService, ImageRenderer, MediaProcessingService],
  handlers: [MediaProcessor],
  sweepers: [WarrantySweeper],
  routes: assetsRoutes,
  demo: assetsDemo,
  provides: [{ token: PartyDirectory, useClass: CrmPartyDirectory }],
  migrations: [assetsMigration, mediaMigration],
  tables: ['assets', 'asset_sites', 'asset_warranty_notices', 'media_files', 'media_renditions', 'media_upload_limits'],
});
