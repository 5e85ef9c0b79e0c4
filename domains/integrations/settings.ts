/**
 * Tunables of the integrations module. Defaults suit production; tests and applications override
 * them by registering an instance in the runtime's container before the services are resolved
 * (`container.registerInstance(IntegrationSettings, new IntegrationSettings({ tokenWarningDays: 14 }))`).
 */
export class IntegrationSettings {
  /** INTEGRATION_TOKEN_EXPIRING fires this many days before credentials that need a person expire. */
  tokenWarningDays = 7;
  /** The sweeper refreshes access tokens expiring within this many seconds (keep above the sweep interval). */
  refreshAheadSeconds = 600;
  /** First retry delay after a retryable refresh failure; doubles per failure up to maxRefreshBackoffSeconds. */
  refreshBackoffSeconds = 60;
  maxRefreshBackoffSeconds = 3600;
  /** Timeout of each call to a provider (token endpoint, revocation, API), in seconds. */
  providerTimeoutSeconds = 10;
  /** How long a started authorization (its state and PKCE verifier) may wait for the callback. */
  authorizationTtlSeconds = 600;
  /** A running sync that reported no progress for this long is marked failed by the stale-run sweeper. */
  syncStaleAfterSeconds = 900;
  /** Webhook timestamps further than this from now, in either direction, are refused (Standard Webhooks uses 300). */
  webhookToleranceSeconds = 300;
  /** Largest webhook body accepted and kept, in bytes. */
  webhookMaxBytes = 1024 * 1024;

  constructor(overrides: Partial<IntegrationSettings> = {}) {
    Object.assign(this, overrides);
  }
}
