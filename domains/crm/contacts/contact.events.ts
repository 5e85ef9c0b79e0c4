import { ChangesField, DateTimeField, DomainPayload, EmailField, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { crm } from '../module';

@crm.event({
  type: 'CONTACT_CREATED',
  name: 'Contact Created',
  description:
    'A new person was added as a contact under a client (ContactService.create). Emitted once per contact; a contact ' +
    'is not made primary by being created (that is CONTACT_PRIMARY_SET). Edits are CONTACT_UPDATED; a contact that ' +
    'moves to another client with a client merge is CONTACT_UPDATED (clientId), not a new CONTACT_CREATED.',
})
export class ContactCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new contact' }) contactId!: string;
  @UuidField({ description: 'The client the contact belongs to' }) clientId!: string;
  @StringField({ description: 'Full name as entered, trimmed', examples: ['Dana Whitfield', 'Sam Okafor'] }) fullName!: string;
  @EmailField({ optional: true, description: 'Email address as entered (unique per tenant among live contacts, case-insensitively)' }) email?: string;
  @StringField({ optional: true, description: 'Phone number as entered', examples: ['+1 555 0100', '+44 20 7946 0958'] }) phoneNumber?: string;
  @UuidField({ description: 'Internal user who added the contact' }) createdByUserId!: string;
  @DateTimeField({ description: 'When the contact was added' }) createdAt!: string;
}

@crm.event({
  type: 'CONTACT_UPDATED',
  name: 'Contact Updated',
  description:
    'Details of a contact were edited (fullName, email, phoneNumber, jobTitle), or the contact moved to another client ' +
    'because its client was merged (changes.clientId). updatedFields and changes ({previous, new}) say what changed; a ' +
    'save that changes nothing emits nothing. Becoming the primary contact is CONTACT_PRIMARY_SET, archiving ' +
    'CONTACT_ARCHIVED, being merged into another contact CONTACT_MERGED.',
})
export class ContactUpdatedPayload extends DomainPayload {
  @UuidField({ description: 'The contact edited' }) contactId!: string;
  @UuidField({ description: 'The client it belongs to after the save' }) clientId!: string;
  @UuidField({ description: 'Internal user who edited it' }) updatedByUserId!: string;
  @DateTimeField({ description: 'When it was edited' }) updatedAt!: string;
  @UpdatedFieldsField({ optional: true, description: 'Fields that changed', examples: [['email'], ['fullName', 'jobTitle']] }) updatedFields?: string[];
  @ChangesField({
    optional: true,
    description: 'Previous and new value per changed field (null: unset)',
    examples: [{ email: { previous: 'dana@acme.test', new: 'dana.whitfield@acme.test' } }, { fullName: { previous: 'Sam Okafor', new: 'Samuel Okafor' }, jobTitle: { previous: null, new: 'Office manager' } }],
  })
  changes?: Record<string, { previous: unknown; new: unknown }>;
}

@crm.event({
  type: 'CONTACT_PRIMARY_SET',
  name: 'Primary Contact Set',
  description:
    'A contact was made the main (billing) contact of its client. A client has at most one primary contact, so the ' +
    'one it replaces is named in previousPrimaryContactId (absent when there was none) and is no longer primary; no ' +
    'separate event is emitted for it. Making the primary contact primary again emits nothing. Archiving the primary ' +
    'contact leaves the client without one (CONTACT_ARCHIVED only).',
})
export class ContactPrimarySetPayload extends DomainPayload {
  @UuidField({ description: 'The client' }) clientId!: string;
  @UuidField({ description: 'The contact now primary' }) contactId!: string;
  @UuidField({ optional: true, description: 'The contact that was primary before, if any' }) previousPrimaryContactId?: string;
  @UuidField({ description: 'Internal user who set it' }) setByUserId!: string;
  @DateTimeField({ description: 'When it was set' }) setAt!: string;
}

@crm.event({
  type: 'CONTACT_ARCHIVED',
  name: 'Contact Archived',
  description:
    'A contact was archived: its history stays, it is no longer found by email address and stops being its client\'s ' +
    'primary contact. Emitted once per contact, also for the source of a contact merge (beside CONTACT_MERGED, reason ' +
    '"Merged into <contact id>"). Archiving the whole client is CLIENT_ARCHIVED (its contacts are not archived one by one).',
})
export class ContactArchivedPayload extends DomainPayload {
  @UuidField({ description: 'The contact archived' }) contactId!: string;
  @UuidField({ description: 'Its client' }) clientId!: string;
  @UuidField({ description: 'Internal user who archived it' }) archivedByUserId!: string;
  @DateTimeField({ description: 'When it was archived' }) archivedAt!: string;
  @StringField({ optional: true, description: 'Why, as given', examples: ['Left the company', 'Duplicate record'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CONTACT_CREATED: ContactCreatedPayload;
    CONTACT_UPDATED: ContactUpdatedPayload;
    CONTACT_PRIMARY_SET: ContactPrimarySetPayload;
    CONTACT_ARCHIVED: ContactArchivedPayload;
  }
}
