import { BooleanField, CountField, DateTimeField, StringField, UuidField } from '../../../lib/kit';
import { IntegrationPayload } from '../connections/connection.events';
import { integrations } from '../module';

@integrations.event({
  type: 'INTEGRATION_TOKEN_EXPIRING',
  name: 'Integration Token Expiring',
  subject: 'connectionId',
  description:
    'The credentials of a connection will expire within the warning window (default 7 days) and cannot be renewed without ' +
    'a person: the refresh token has a stated end of life (refresh_token_expires_in), or there is no refresh token and ' +
    'the access token expires. Emitted by the token health sweeper once per token and expiry; access tokens that can be ' +
    'refreshed are refreshed silently and do not raise it.',
})
export class IntegrationTokenExpiringPayload extends IntegrationPayload {
  @UuidField() connectionId!: string;
  @DateTimeField({ description: 'When the credentials stop working' }) expiresAt!: string;
  @CountField({ description: 'Whole days left (0 when less than a day)' }) daysUntilExpiry!: number;
  @DateTimeField({ description: 'When the sweeper noticed' }) notifiedAt!: string;
}

@integrations.event({
  type: 'INTEGRATION_TOKEN_REFRESH_FAILED',
  name: 'Integration Token Refresh Failed',
  subject: 'connectionId',
  description:
    "Renewing a connection's access token with its refresh token did not work. errorCode is the provider's OAuth error " +
    '(invalid_grant, invalid_client, …) or http_<status>, timeout, network_error. retryable=false (e.g. invalid_grant: ' +
    'the grant was revoked or expired) means the connection now needs a person to reconnect it; retryable=true (provider ' +
    '5xx, 429, timeout, network) leaves it connected and the sweeper retries with backoff. One event per failed attempt.',
})
export class IntegrationTokenRefreshFailedPayload extends IntegrationPayload {
  @UuidField() connectionId!: string;
  @DateTimeField() failedAt!: string;
  @StringField({ optional: true, description: "Provider's OAuth error code, or http_<status> / timeout / network_error" }) errorCode?: string;
  @StringField({ description: "The provider's error_description, or what went wrong" }) errorMessage!: string;
  @BooleanField({ optional: true, description: 'Whether trying again later can succeed without a person' }) retryable?: boolean;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INTEGRATION_TOKEN_EXPIRING: IntegrationTokenExpiringPayload;
    INTEGRATION_TOKEN_REFRESH_FAILED: IntegrationTokenRefreshFailedPayload;
  }
}
