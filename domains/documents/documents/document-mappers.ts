import { iso } from '../../../lib/kit';
import { DeletedDocument, Document } from './document';

/** Document results → payloads of DOCUMENT_UPLOADED and DOCUMENT_DELETED. */

export const documentUploaded = (d: Document) => ({
  documentId: d.id,
  uploadedByUserId: d.uploadedByUserId!,
  uploadedAt: iso(d.createdAt),
  fileName: d.fileName,
  contentType: d.contentType,
  sizeBytes: d.sizeBytes,
  storageKey: d.storageKey,
});

export const documentDeleted = (d: DeletedDocument) => ({ documentId: d.document.id, deletedByUserId: d.deletedByUserId, deletedAt: iso(d.deletedAt), reason: d.reason });
