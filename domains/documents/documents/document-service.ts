import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { FileIntake, lockStorageKey, StoredUpload, UploadSource } from '../../assets';
import { DeletedDocument, Document } from './document';
import { DocumentInputError } from './document-errors';
import { documentDeleted, documentUploaded } from './document-mappers';
import { DocumentRepository } from './document-repository';
import { DocumentWriter } from './document-writer';
import { StoredContentRelease } from './stored-content-release';

/** Uploading and deleting documents (staff). Links to records: AssociationService; generated PDFs: DocumentGenerator. */
@injectable()
export class DocumentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly intake: FileIntake,
    private readonly repository: DocumentRepository,
    private readonly release: StoredContentRelease,
    private readonly writer: DocumentWriter,
  ) {}

  /**
   * Stores the bytes outside any transaction (FileIntake: name normalised, type sniffed and checked
   * against the declared one, tenant size limit enforced while streaming) and records the document.
   * UploadInputError / UploadTooLargeError / UploadTypeMismatchError: nothing stored or emitted.
   */
  async upload(input: UploadSource): Promise<Document> {
    currentTenant('DocumentService.upload');
    requireStaff('DocumentService.upload');
    return this.record(await this.intake.store(input));
  }

  /**
   * Records content FileIntake.store has just stored (only that) and emits DOCUMENT_UPLOADED; holds
   * the storage key's lock against a concurrent removal of identical bytes (UploadRaceError).
   */
  @EmitsEvent('DOCUMENT_UPLOADED', documentUploaded)
  async record(stored: StoredUpload): Promise<Document> {
    return this.writer.insert(stored, { uploadedByUserId: requireStaff('DocumentService.record') });
  }

  /**
   * Deletes the document and its links (DOCUMENT_DELETED); after commit its bytes are removed
   * unless another document or media file uses identical content. DocumentNotFoundError for an
   * unknown, another tenant's or an already deleted document (two concurrent deletes: one wins).
   */
  @EmitsEvent('DOCUMENT_DELETED', documentDeleted)
  async delete(documentId: string, options: { reason?: string } = {}): Promise<DeletedDocument> {
    const userId = requireStaff('DocumentService.delete');
    const reason = options.reason === undefined ? undefined : options.reason.trim() || undefined;
    if (reason && reason.length > 500) throw new DocumentInputError('reason', 'must be at most 500 characters');
    const document = await this.repository.get(documentId, { lock: true });
    const at = actionTime();
    const db = this.uow.db;
    await lockStorageKey(db, document.storageKey);
    await db('documents').where({ document_id: document.id, tenant: document.tenantId }).whereNull('deleted_at').update({ deleted_at: at, deleted_by_user_id: userId, delete_reason: reason ?? null });
    await db('document_associations').where({ document_id: document.id, tenant: document.tenantId }).delete();
    this.uow.afterCommit(async () => {
      await this.release.release(document.storageKey);
    });
    return { document, deletedByUserId: userId, deletedAt: at, reason };
  }

  get(documentId: string): Promise<Document> {
    return this.repository.get(documentId);
  }
}
