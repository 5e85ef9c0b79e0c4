import sharp from 'sharp';
import { injectable } from 'tsyringe';
import { BlobNotFoundError, BlobStore } from '../../../../lib/kit';
import { AssetSettings } from '../../settings';
import { MediaFile, Rendition } from '../media-file';

/** Types sharp decodes here. SVG is left out on purpose (active content; rasterising it is another risk). */
export const PROCESSABLE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif']);

export type RenderResult =
  | { ok: true; width: number; height: number; renditions: Rendition[] }
  | { ok: false; code: string; message: string; retryable: boolean };

const fail = (code: string, message: string, retryable: boolean): RenderResult => ({ ok: false, code, message, retryable });

/**
 * Thumbnail and preview of an uploaded image with sharp (libvips): EXIF orientation applied,
 * fitted inside thumbnailSize / previewSize (never enlarged), WebP. Truncated or corrupt bytes
 * fail (`failOn: 'truncated'`: a half image is not a success); more than maxInputPixels fails
 * before decoding (decompression bombs). Renditions are stored content-addressed, so running
 * twice stores nothing twice.
 */
@injectable()
export class ImageRenderer {
  constructor(
    private readonly blobs: BlobStore,
    private readonly settings: AssetSettings,
  ) {}

  async render(file: MediaFile): Promise<RenderResult> {
    if (!PROCESSABLE_TYPES.has(file.contentType)) {
      return fail('UNSUPPORTED_MEDIA_TYPE', `No thumbnail or preview is made for ${file.contentType} (images only: JPEG, PNG, WebP, GIF, TIFF, AVIF)`, false);
    }
    let input: Buffer;
    try {
      input = await this.blobs.read(file.storageKey);
    } catch (err) {
      if (err instanceof BlobNotFoundError) return fail('CONTENT_MISSING', `The stored content ${file.storageKey} is gone`, false);
      return fail('STORAGE_FAILED', `Reading the stored content failed: ${(err as Error).message}`, true);
    }
    const open = () => sharp(input, { limitInputPixels: this.settings.maxInputPixels, failOn: 'truncated', animated: false }).rotate();
    let made: Array<{ kind: Rendition['kind']; data: Buffer; width: number; height: number }>;
    let original: { width: number; height: number };
    try {
      const meta = await sharp(input, { limitInputPixels: this.settings.maxInputPixels }).metadata();
      const turned = (meta.orientation ?? 1) >= 5;
      original = { width: (turned ? meta.height : meta.width) ?? 0, height: (turned ? meta.width : meta.height) ?? 0 };
      made = [];
      for (const [kind, size] of [['thumbnail', this.settings.thumbnailSize], ['preview', this.settings.previewSize]] as const) {
        const { data, info } = await open().resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
        made.push({ kind, data, width: info.width, height: info.height });
      }
    } catch (err) {
      const message = (err as Error).message;
      if (/pixel limit/i.test(message)) return fail('IMAGE_TOO_LARGE', `The image has more than ${this.settings.maxInputPixels} pixels`, false);
      return fail('CORRUPT_IMAGE', `The image cannot be decoded: ${message.split('\n')[0]}`, false);
    }
    const renditions: Rendition[] = [];
    try {
      for (const r of made) {
        const stored = await this.blobs.put(r.data);
        renditions.push({ kind: r.kind, storageKey: stored.key, contentType: 'image/webp', sizeBytes: stored.size, width: r.width, height: r.height });
      }
    } catch (err) {
      return fail('STORAGE_FAILED', `Storing a rendition failed: ${(err as Error).message}`, true);
    }
    return { ok: true, ...original, renditions };
  }
}
