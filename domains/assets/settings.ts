/**
 * Tunables of the assets module (inventory and media). Defaults suit production; tests and
 * applications override them by registering an instance in the runtime's container before the
 * services are resolved (`container.registerInstance(AssetSettings, new AssetSettings({ warrantyNoticeDays: 14 }))`).
 */
export class AssetSettings {
  /** ASSET_WARRANTY_EXPIRING fires this many days before an asset's warranty ends (once per asset and end date). */
  warrantyNoticeDays = 30;
  /** Largest upload (file or document) a tenant may store, in bytes, unless the tenant has a limit of its own (UploadLimits). */
  defaultMaxUploadBytes = 25 * 1024 * 1024;
  /** Longest side of a thumbnail, in pixels (the image is fitted inside, never enlarged). */
  thumbnailSize = 256;
  /** Longest side of a preview, in pixels. */
  previewSize = 1280;
  /**
   * Largest image processed, in pixels (width × height), against decompression bombs: a small
   * file that decodes to billions of pixels is refused (MEDIA_PROCESSING_FAILED, not retryable).
   */
  maxInputPixels = 40_000_000;

  constructor(overrides: Partial<AssetSettings> = {}) {
    Object.assign(this, overrides);
  }
}
