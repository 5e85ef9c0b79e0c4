import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { documents } from '../module';

const ENTITY_TYPE = 'Kind of record: ticket, client, contact, project or asset';

@documents.event({
  type: 'DOCUMENT_ASSOCIATED',
  name: 'Document Associated',
  description:
    'A document was linked to a ticket, client, contact, project or asset (which must exist, as its own module ' +
    'says). A document can be linked to several records; linking it to the same record again changes nothing ' +
    'and emits nothing. Unlinking is DOCUMENT_DETACHED.',
})
export class DocumentAssociatedPayload extends DomainPayload {
  @UuidField({ description: 'The document' }) documentId!: string;
  @StringField({ description: ENTITY_TYPE, examples: ['ticket', 'asset'] }) entityType!: string;
  @UuidField({ description: 'The record it was linked to' }) entityId!: string;
  @UuidField({ description: 'Internal user who linked it' }) associatedByUserId!: string;
  @DateTimeField({ description: 'When it was linked' }) associatedAt!: string;
}

@documents.event({
  type: 'DOCUMENT_DETACHED',
  name: 'Document Detached',
  description:
    'The link between a document and a record was removed; the document itself stays (deleting it is ' +
    'DOCUMENT_DELETED, which drops its links without this event). Detaching a link that does not exist ' +
    'changes nothing and emits nothing.',
})
export class DocumentDetachedPayload extends DomainPayload {
  @UuidField({ description: 'The document' }) documentId!: string;
  @StringField({ description: ENTITY_TYPE, examples: ['ticket', 'asset'] }) entityType!: string;
  @UuidField({ description: 'The record it was unlinked from' }) entityId!: string;
  @UuidField({ description: 'Internal user who unlinked it' }) detachedByUserId!: string;
  @DateTimeField({ description: 'When it was unlinked' }) detachedAt!: string;
  @StringField({ optional: true, description: 'Why, free text', examples: ['Filed against the wrong ticket'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    DOCUMENT_ASSOCIATED: DocumentAssociatedPayload;
    DOCUMENT_DETACHED: DocumentDetachedPayload;
  }
}
