import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { crm } from '../module';

const STRATEGY = 'How the records were combined: absorb-fill-empty (everything of the source moves, the target keeps its details and fills its empty ones from the source)';

@crm.event({
  type: 'CLIENT_MERGED',
  name: 'Client Merged',
  subject: 'sourceClientId',
  description:
    'A duplicate client (source) was combined into another (target) in one transaction: the source\'s contacts, notes, ' +
    'interactions, tags and open tickets moved to the target, and the source was archived. Each moved record tells its ' +
    'own change in the same transaction: CONTACT_UPDATED (clientId) per contact, TAG_APPLIED on the target and TAG_REMOVED ' +
    'on the source per tag, TICKET_UPDATED (clientId) per open ticket, CLIENT_UPDATED for details filled into the target, ' +
    'CLIENT_ARCHIVED for the source. Closed tickets stay with the source. Merging into an archived client or into itself is refused.',
})
export class ClientMergedPayload extends DomainPayload {
  @UuidField({ description: 'The duplicate, now archived' }) sourceClientId!: string;
  @UuidField({ description: 'The client that absorbed it' }) targetClientId!: string;
  @UuidField({ description: 'Internal user who merged them' }) mergedByUserId!: string;
  @DateTimeField({ description: 'When they were merged' }) mergedAt!: string;
  @StringField({ optional: true, description: STRATEGY, examples: ['absorb-fill-empty'] }) strategy?: string;
}

@crm.event({
  type: 'CONTACT_MERGED',
  name: 'Contact Merged',
  subject: 'sourceContactId',
  description:
    'A duplicate contact (source) was combined into another contact of the same client (target) in one transaction: its ' +
    'notes, interactions, tags and open tickets moved to the target and the source was archived (CONTACT_ARCHIVED). The ' +
    'target fills its empty details from the source (CONTACT_UPDATED) and becomes primary if the source was ' +
    '(CONTACT_PRIMARY_SET). Merging into an archived contact, into itself or across clients is refused; merging clients is CLIENT_MERGED.',
})
export class ContactMergedPayload extends DomainPayload {
  @UuidField({ description: 'The duplicate, now archived' }) sourceContactId!: string;
  @UuidField({ description: 'The contact that absorbed it' }) targetContactId!: string;
  @UuidField({ description: 'Internal user who merged them' }) mergedByUserId!: string;
  @DateTimeField({ description: 'When they were merged' }) mergedAt!: string;
  @StringField({ optional: true, description: STRATEGY, examples: ['absorb-fill-empty'] }) strategy?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CLIENT_MERGED: ClientMergedPayload;
    CONTACT_MERGED: ContactMergedPayload;
  }
}
