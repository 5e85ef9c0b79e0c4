import { DateTimeField, DomainPayload, StringField, UuidField } from '../../../lib/kit';
import { integrations } from '../module';

/** The integration (a tenant's registration of a provider) and the connection an event is about. */
export abstract class IntegrationPayload extends DomainPayload {
  @UuidField({ description: "The tenant's integration: one provider application registered with its OAuth client" }) integrationId!: string;
  @StringField({ description: 'Provider adapter key, e.g. quickbooks, ninjaone, reference' }) provider!: string;
}

@integrations.event({
  type: 'INTEGRATION_CONNECTED',
  name: 'Integration Connected',
  subject: 'connectionId',
  description:
    'A connection to an external provider was authorized: the OAuth 2.0 authorization code (with PKCE) was exchanged for ' +
    'tokens and they are stored, sealed. Emitted once per successful authorization, also when a person reconnects a ' +
    'connection that needed attention. Tokens are never part of the event. Removal is INTEGRATION_DISCONNECTED.',
})
export class IntegrationConnectedPayload extends IntegrationPayload {
  @UuidField({ description: 'The connection: one authorized link to the provider, with its own tokens' }) connectionId!: string;
  @DateTimeField({ description: 'When the token exchange succeeded' }) connectedAt!: string;
  @UuidField({ optional: true, description: 'Staff user who started and approved the authorization' }) connectedByUserId?: string;
}

@integrations.event({
  type: 'INTEGRATION_DISCONNECTED',
  name: 'Integration Disconnected',
  subject: 'connectionId',
  description:
    'A connection stopped for good: a user disconnected it (its tokens are revoked at the provider where it offers RFC 7009 ' +
    'revocation, and erased here), or the provider told us it revoked access. reason says which. Syncs and webhooks for ' +
    'the connection are refused afterwards. A refresh the provider refuses is INTEGRATION_TOKEN_REFRESH_FAILED instead: ' +
    'the connection then waits for a person, it is not disconnected.',
})
export class IntegrationDisconnectedPayload extends IntegrationPayload {
  @UuidField() connectionId!: string;
  @DateTimeField() disconnectedAt!: string;
  @UuidField({ optional: true, description: 'Staff user who disconnected; absent when the provider revoked access' }) disconnectedByUserId?: string;
  @StringField({ optional: true, description: 'Why, in words: the user\'s reason, or "revoked by provider (<event>)"' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INTEGRATION_CONNECTED: IntegrationConnectedPayload;
    INTEGRATION_DISCONNECTED: IntegrationDisconnectedPayload;
  }
}
