import { CountField, DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { documents } from '../module';

@documents.event({
  type: 'DOCUMENT_UPLOADED',
  name: 'Document Uploaded',
  description:
    'A person uploaded a document (POST /documents, DocumentService.upload): stored under its content hash, ' +
    'its type sniffed from the bytes, within the tenant size limit. Not emitted for refused uploads, nor for ' +
    'documents the system makes (DOCUMENT_GENERATED); linking it to a record is DOCUMENT_ASSOCIATED. Media ' +
    'files for thumbnails (POST /files) are FILE_UPLOADED.',
})
export class DocumentUploadedPayload extends DomainPayload {
  @UuidField({ description: 'The new document' }) documentId!: string;
  @UuidField({ description: 'Internal user who uploaded it' }) uploadedByUserId!: string;
  @DateTimeField({ description: 'When it was recorded' }) uploadedAt!: string;
  @StringField({ description: 'Normalised file name (NFC, no path, no control characters, at most 200 characters)', examples: ['signed-contract.pdf'] }) fileName!: string;
  @StringField({ description: 'Content type sniffed from the bytes', examples: ['application/pdf'] }) contentType!: string;
  @CountField({ description: 'Size in bytes' }) sizeBytes!: number;
  @StringField({ description: 'Content address in the blob store: sha256:<64 hex>', examples: ['sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] }) storageKey!: string;
}

@documents.event({
  type: 'DOCUMENT_DELETED',
  name: 'Document Deleted',
  description:
    'A document was deleted: it is no longer listed or served and its links to records are gone (no ' +
    'DOCUMENT_DETACHED is emitted for them). Its bytes are removed once no other document or media file uses ' +
    'identical content. Once per document; deleting a deleted document is refused as not found.',
})
export class DocumentDeletedPayload extends DomainPayload {
  @UuidField({ description: 'The deleted document' }) documentId!: string;
  @UuidField({ description: 'Internal user who deleted it' }) deletedByUserId!: string;
  @DateTimeField({ description: 'When it was deleted' }) deletedAt!: string;
  @StringField({ optional: true, description: 'Why, free text', examples: ['Uploaded to the wrong client'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    DOCUMENT_UPLOADED: DocumentUploadedPayload;
    DOCUMENT_DELETED: DocumentDeletedPayload;
  }
}
