import { DateTimeField, DomainPayload, EmailField, EnumField, StringField, UuidField } from '../../../lib/kit';
import { email } from '../module';
import { PROVIDER_TYPES, ProviderType } from './provider';

/** The connected mailbox an event is about. */
abstract class EmailProviderPayload extends DomainPayload {
  @UuidField({ description: 'The connected mailbox (email provider connection)' }) providerId!: string;
  @EnumField(PROVIDER_TYPES, { description: 'microsoft (Graph) or google (Gmail)' }) providerType!: ProviderType;
  @StringField({ description: 'Display name the tenant gave the connection, e.g. "Support inbox"' }) providerName!: string;
}

@email.event({
  type: 'EMAIL_PROVIDER_CONNECTED',
  name: 'Email Provider Connected',
  subject: 'providerId',
  description:
    "A Microsoft 365 or Google mailbox was linked and verified: the provider's API answered with the mailbox's own " +
    'address using the stored (sealed) credentials, so notifications for it are now accepted. Emitted once per ' +
    'verification; a failed verification emits nothing and keeps nothing. Credentials are never part of the event. ' +
    'Removal is EMAIL_PROVIDER_DISCONNECTED.',
})
export class EmailProviderConnectedPayload extends EmailProviderPayload {
  @EmailField({ description: 'The mailbox address as the provider reported it' }) mailbox!: string;
  @DateTimeField({ description: 'When the connection was verified' }) connectedAt!: string;
}

@email.event({
  type: 'EMAIL_PROVIDER_DISCONNECTED',
  name: 'Email Provider Disconnected',
  subject: 'providerId',
  description:
    'A connected mailbox stopped being watched: a user disconnected it, or the provider revoked access (a Graph ' +
    'lifecycle notification, a refused token). Its sealed credentials are erased and later notifications for it get ' +
    '410. reason says which. Disconnecting an already disconnected mailbox emits nothing.',
})
export class EmailProviderDisconnectedPayload extends EmailProviderPayload {
  @DateTimeField() disconnectedAt!: string;
  @StringField({ optional: true, description: 'Why, in words: the user\'s reason, or "revoked by provider (<cause>)"' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    EMAIL_PROVIDER_CONNECTED: EmailProviderConnectedPayload;
    EMAIL_PROVIDER_DISCONNECTED: EmailProviderDisconnectedPayload;
  }
}
