/** A tenant's registration of a provider application: its OAuth client and authorization server. */
export interface Integration {
  id: string;
  tenantId: string;
  provider: string;
  name: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  apiBaseUrl?: string;
  createdAt: Date;
}

export interface RegisterIntegrationInput {
  /** Provider adapter key (`reference`, or one an application registered). */
  provider: string;
  name: string;
  /** Authorization server issuer URL; its RFC 8414 / OpenID discovery document gives the endpoints. */
  issuer: string;
  clientId: string;
  /** Confidential clients only; public clients rely on PKCE alone. Sealed at rest. */
  clientSecret?: string;
  /** Scopes to request; default: the adapter's. */
  scopes?: string[];
  /** Base URL of the provider's API, for adapters whose API lives at a per-customer address. */
  apiBaseUrl?: string;
}

/**
 * connected: tokens work (or can be refreshed). needs_attention: the provider refused a refresh
 * (invalid_grant, …): a person must reconnect. disconnected: ended by a user or the provider.
 */
export type ConnectionStatus = 'connected' | 'needs_attention' | 'disconnected';

/** One authorized link to a provider. Tokens never leave the module's storage layer. */
export interface Connection {
  id: string;
  tenantId: string;
  integrationId: string;
  provider: string;
  status: ConnectionStatus;
  connectedAt: Date;
  connectedByUserId?: string;
  disconnectedAt?: Date;
  disconnectedByUserId?: string;
  disconnectReason?: string;
  accessTokenExpiresAt?: Date;
  refreshTokenExpiresAt?: Date;
  credentialsExpireAt?: Date;
  hasRefreshToken: boolean;
  tokenVersion: number;
  grantedScope?: string;
  attentionReason?: string;
  lastRefreshError?: { code?: string; message: string };
  hasWebhookSecret: boolean;
}

export interface BeginAuthorizationInput {
  integrationId: string;
  /** Where the provider sends the browser back (our GET /integrations/oauth/callback); must be registered with the provider. */
  redirectUri: string;
  /** Reconnect this connection (one that needs attention) instead of creating a new one. */
  connectionId?: string;
}

export interface AuthorizationRequest {
  /** Send the user's browser here. */
  authorizationUrl: string;
  state: string;
  connectionId: string;
  expiresAt: Date;
}

/** A disconnect as done: whether the provider confirmed revoking the tokens (RFC 7009). */
export interface Disconnection {
  connection: Connection;
  revokedAtProvider: boolean | 'not-supported';
}
