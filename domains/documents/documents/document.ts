/** A document as services return it. Deleted documents are not returned (DocumentNotFoundError). */
export interface Document {
  id: string;
  tenantId: string;
  /** Normalised (NFC, no path, no control characters, at most 200 characters). */
  fileName: string;
  /** Sniffed from the bytes. */
  contentType: string;
  sizeBytes: number;
  /** `sha256:<hex>` in the blob store; identical bytes share one key. */
  storageKey: string;
  /** Who uploaded it; absent for a document the system generated on its own. */
  uploadedByUserId?: string;
  createdAt: Date;
  /** For generated documents: what it was made from (`invoice`) and its id. */
  sourceType?: string;
  sourceId?: string;
}

/** What delete() did. */
export interface DeletedDocument {
  document: Document;
  deletedByUserId: string;
  deletedAt: Date;
  reason?: string;
}
