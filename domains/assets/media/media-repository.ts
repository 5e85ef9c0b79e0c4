import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { MediaFile } from './media-file';
import { MediaFileNotFoundError } from './media-errors';
import { toMediaFile } from './media-rows';

/** Tenant-scoped reads of media files, and the one cross-tenant question: is a stored content still used? */
@injectable()
export class MediaRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async get(fileId: string, { lock = false } = {}): Promise<MediaFile> {
    if (typeof fileId !== 'string' || !isUUID(fileId, 'all')) throw new MediaFileNotFoundError(String(fileId));
    const db = this.uow.db;
    const tenant = currentTenant('MediaRepository.get');
    const row = await db('media_files')
      .where({ file_id: fileId.toLowerCase(), tenant })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new MediaFileNotFoundError(fileId);
    const renditions = await db('media_renditions').where({ file_id: row.file_id, tenant }).orderBy('kind', 'desc');
    return toMediaFile(row, renditions);
  }

  /** Files of the acting tenant shown on `assetId`, oldest first. */
  async ofAsset(assetId: string): Promise<MediaFile[]> {
    const tenant = currentTenant('MediaRepository.ofAsset');
    const rows = await this.uow.db('media_files').where({ tenant, asset_id: assetId }).orderBy('uploaded_at');
    return Promise.all(rows.map((r: any) => this.get(r.file_id)));
  }

  /**
   * Whether any media file or rendition, of any tenant, points at `storageKey`. Across tenants on
   * purpose: identical bytes are stored once whoever uploads them.
   */
  async references(storageKey: string): Promise<boolean> {
    const db = this.uow.db;
    const file = await db('media_files').where({ storage_key: storageKey }).first('file_id');
    if (file) return true;
    return !!(await db('media_renditions').where({ storage_key: storageKey }).first('file_id'));
  }
}
