import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, BlobStore, currentTenant, UnitOfWork } from '../../../lib/kit';
import { lockStorageKey, StoredUpload, UploadRaceError } from '../../assets';
import { Document } from './document';
import { DocumentRepository } from './document-repository';

/**
 * Writes the row of a new document for content already in the blob store (uploads and generated
 * PDFs). Not an action of its own: DocumentService.record and DocumentGenerator emit the events.
 * Holds the storage key's lock and refuses content that vanished meanwhile (UploadRaceError).
 */
@injectable()
export class DocumentWriter {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly repository: DocumentRepository,
  ) {}

  async insert(stored: StoredUpload, who: { uploadedByUserId?: string; sourceType?: string; sourceId?: string }): Promise<Document> {
    const tenant = currentTenant('DocumentWriter.insert');
    const db = this.uow.db;
    await lockStorageKey(db, stored.storageKey);
    if (!(await this.blobs.has(stored.storageKey))) throw new UploadRaceError();
    const id = uuidv4();
    await db('documents').insert({
      document_id: id,
      tenant,
      file_name: stored.fileName,
      content_type: stored.contentType,
      size_bytes: stored.sizeBytes,
      storage_key: stored.storageKey,
      uploaded_by_user_id: who.uploadedByUserId ?? null,
      created_at: actionTime(),
      source_type: who.sourceType ?? null,
      source_id: who.sourceId ?? null,
    });
    return this.repository.get(id);
  }
}
