import { readDate } from '../../../lib/kit';
import { MediaFile, Rendition } from './media-file';

const bool = (v: unknown): boolean | undefined => (v === null || v === undefined ? undefined : v === true || v === 1 || v === '1');

/** A media_files row and its renditions as services return them. */
export function toMediaFile(row: any, renditions: any[]): MediaFile {
  return {
    id: row.file_id,
    tenantId: row.tenant,
    assetId: row.asset_id ?? undefined,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    storageKey: row.storage_key,
    uploadedByUserId: row.uploaded_by_user_id,
    uploadedAt: readDate(row.uploaded_at)!,
    status: row.status,
    width: row.width ?? undefined,
    height: row.height ?? undefined,
    renditions: renditions.map(
      (r): Rendition => ({ kind: r.kind, storageKey: r.storage_key, contentType: r.content_type, sizeBytes: Number(r.size_bytes), width: r.width, height: r.height }),
    ),
    processedAt: readDate(row.processed_at) ?? undefined,
    errorCode: row.error_code ?? undefined,
    errorMessage: row.error_message ?? undefined,
    retryable: bool(row.retryable),
  };
}
