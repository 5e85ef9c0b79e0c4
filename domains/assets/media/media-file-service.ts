import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, BlobStore, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { AssetRepository } from '../assets/asset-repository';
import { FileIntake } from './intake/file-intake';
import { lockStorageKey } from './intake/storage-key-lock';
import { StoredUpload, UploadSource } from './intake/stored-upload';
import { UploadRaceError } from './intake/upload-errors';
import { MediaFile } from './media-file';
import { fileUploaded } from './media-mappers';
import { MediaRepository } from './media-repository';

export interface MediaUpload extends UploadSource {
  /** The asset the file shows (a photo of the device); must exist. */
  assetId?: string;
}

/** Files entering the media pipeline (FILE_UPLOADED); MediaProcessor makes their renditions. */
@injectable()
export class MediaFileService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly intake: FileIntake,
    private readonly blobs: BlobStore,
    private readonly files: MediaRepository,
    private readonly assets: AssetRepository,
  ) {}

  /**
   * Stores the bytes (FileIntake: name normalised, type sniffed, tenant size limit) and records the
   * file. The asset is checked before any byte is read. Refusals: UploadInputError,
   * UploadTooLargeError, UploadTypeMismatchError, AssetNotFoundError; nothing recorded or emitted.
   */
  async upload(input: MediaUpload): Promise<MediaFile> {
    currentTenant('MediaFileService.upload');
    requireStaff('MediaFileService.upload');
    if (input?.assetId !== undefined) await this.assets.get(input.assetId);
    const stored = await this.intake.store(input);
    return this.record(stored, input.assetId);
  }

  /**
   * Records content FileIntake.store has just stored (only that: the key must be one it returned)
   * and emits FILE_UPLOADED. Holds the storage key's lock so a concurrent delete of the last
   * document with identical bytes cannot remove the content under this record (UploadRaceError).
   */
  @EmitsEvent('FILE_UPLOADED', fileUploaded)
  async record(stored: StoredUpload, assetId?: string): Promise<MediaFile> {
    const tenant = currentTenant('MediaFileService.record');
    const userId = requireStaff('MediaFileService.record');
    const asset = assetId === undefined ? undefined : await this.assets.get(assetId);
    const db = this.uow.db;
    await lockStorageKey(db, stored.storageKey);
    if (!(await this.blobs.has(stored.storageKey))) throw new UploadRaceError();
    const id = uuidv4();
    await db('media_files').insert({
      file_id: id,
      tenant,
      asset_id: asset?.id ?? null,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size_bytes: stored.sizeBytes,
      storage_key: stored.storageKey,
      uploaded_by_user_id: userId,
      uploaded_at: actionTime(),
      status: 'uploaded',
    });
    return this.files.get(id);
  }

  get(fileId: string): Promise<MediaFile> {
    return this.files.get(fileId);
  }

  /** The acting tenant's files of an asset, oldest first. */
  ofAsset(assetId: string): Promise<MediaFile[]> {
    return this.files.ofAsset(assetId);
  }

  /** Whether a media file or rendition of any tenant still uses the stored content (documents ask before removing a blob). */
  usesStoredContent(storageKey: string): Promise<boolean> {
    return this.files.references(storageKey);
  }
}
