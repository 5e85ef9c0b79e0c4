import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { documents } from '../module';

@documents.event({
  type: 'DOCUMENT_GENERATED',
  name: 'Document Generated',
  description:
    'The system rendered a document from a record, e.g. an invoice PDF from a billing invoice ' +
    '(DocumentGenerator.generateInvoicePdf). Each generation is a new document (regenerating after the invoice ' +
    'changed keeps the earlier one). Files people upload are DOCUMENT_UPLOADED.',
  subject: 'documentId',
})
export class DocumentGeneratedPayload extends DomainPayload {
  @UuidField({ description: 'The new document' }) documentId!: string;
  @StringField({ description: 'Kind of record it was made from', examples: ['invoice'] }) sourceType!: string;
  @UuidField({ description: 'The record it was made from (the invoice id)' }) sourceId!: string;
  @UuidField({ optional: true, description: 'Internal user who asked for it; absent when the system generated it on its own' }) generatedByUserId?: string;
  @DateTimeField({ description: 'When it was generated' }) generatedAt!: string;
  @StringField({ description: 'File name of the generated document', examples: ['invoice-INV-000042.pdf'] }) fileName!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    DOCUMENT_GENERATED: DocumentGeneratedPayload;
  }
}
