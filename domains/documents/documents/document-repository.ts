import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, readDate, UnitOfWork } from '../../../lib/kit';
import { Document } from './document';
import { DocumentNotFoundError } from './document-errors';

export function toDocument(row: any): Document {
  return {
    id: row.document_id,
    tenantId: row.tenant,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    storageKey: row.storage_key,
    uploadedByUserId: row.uploaded_by_user_id ?? undefined,
    createdAt: readDate(row.created_at)!,
    sourceType: row.source_type ?? undefined,
    sourceId: row.source_id ?? undefined,
  };
}

/** Tenant-scoped reads of live (not deleted) documents, and the cross-tenant reference question. */
@injectable()
export class DocumentRepository {
  constructor(private readonly uow: UnitOfWork) {}

  async get(documentId: string, { lock = false } = {}): Promise<Document> {
    if (typeof documentId !== 'string' || !isUUID(documentId, 'all')) throw new DocumentNotFoundError(String(documentId));
    const db = this.uow.db;
    const row = await db('documents')
      .where({ document_id: documentId.toLowerCase(), tenant: currentTenant('DocumentRepository.get') })
      .whereNull('deleted_at')
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new DocumentNotFoundError(documentId);
    return toDocument(row);
  }

  /** Whether a live document of any tenant uses the stored content (identical bytes are stored once). */
  async references(storageKey: string): Promise<boolean> {
    return !!(await this.uow.db('documents').where({ storage_key: storageKey }).whereNull('deleted_at').first('document_id'));
  }
}
