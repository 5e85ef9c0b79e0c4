import { DateTimeField, DomainPayload, EmailField, StringField, UuidField } from '../../../lib/kit';
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

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CONTACT_CREATED: ContactCreatedPayload;
  }
}
