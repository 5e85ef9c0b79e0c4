import { injectable } from 'tsyringe';
import { BlobStore, BlobTooLargeError } from '../../../../lib/kit';
import { resolveContentType, SNIFF_BYTES } from './content-type';
import { normaliseFileName } from './file-name';
import { peek } from './peek';
import { StoredUpload, UploadSource } from './stored-upload';
import { UploadInputError, UploadTooLargeError } from './upload-errors';
import { UploadLimits } from './upload-limits';

/**
 * Takes an upload in: normalises its name, sniffs its type from the first bytes (a declared type
 * that disagrees is refused before anything is stored), then streams it into the blob store under
 * its SHA-256 key with the tenant's size limit enforced while streaming: an oversized upload is
 * refused, never truncated, and a refused or aborted one leaves nothing behind (LocalBlobStore
 * writes to a temporary file and renames it only when complete).
 *
 * Not a decorated action: it writes no rows and runs outside any transaction (an upload can take
 * minutes). The module that records the file (FILE_UPLOADED, DOCUMENT_UPLOADED) calls it first.
 */
@injectable()
export class FileIntake {
  constructor(
    private readonly blobs: BlobStore,
    private readonly limits: UploadLimits,
  ) {}

  /** Stores the upload; UploadInputError, UploadTooLargeError or UploadTypeMismatchError otherwise. */
  async store(source: UploadSource): Promise<StoredUpload> {
    const file = source?.file;
    try {
      const fileName = normaliseFileName(source?.fileName);
      if (!file || (!Buffer.isBuffer(file) && typeof (file as any)[Symbol.asyncIterator] !== 'function')) throw new UploadInputError('file', 'must be the file content');
      const maxBytes = await this.limits.limitFor();
      const { head, whole } = await peek(file, Math.min(SNIFF_BYTES, maxBytes + 1));
      if (head.length > maxBytes) throw new UploadTooLargeError(maxBytes);
      if (head.length === 0) throw new UploadInputError('file', 'is empty');
      const contentType = await resolveContentType(head, source.contentType);
      const stored = await this.blobs.put(whole, { maxBytes }).catch((err) => {
        throw err instanceof BlobTooLargeError ? new UploadTooLargeError(maxBytes) : err;
      });
      return { fileName, contentType, sizeBytes: stored.size, storageKey: stored.key };
    } catch (err) {
      // Let the sender finish (and the connection stay usable); the bytes go nowhere.
      if (file && !Buffer.isBuffer(file) && typeof (file as any).resume === 'function') (file as any).resume();
      throw err;
    }
  }
}
