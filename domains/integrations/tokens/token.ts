import { Connection } from '../connections/connection';
import { ProviderFailure } from '../providers/provider-failure';

/** What one refresh attempt did. Only `failed` is an event (INTEGRATION_TOKEN_REFRESH_FAILED). */
export type RefreshOutcome =
  | { kind: 'refreshed'; connection: Connection }
  /** Not due, or another refresh (any process) renewed the token while this one waited for the lock. */
  | { kind: 'already-fresh'; connection: Connection }
  | { kind: 'not-refreshable'; connection: Connection; reason: string }
  | { kind: 'failed'; connection: Connection; failure: ProviderFailure; failedAt: Date };

export interface RefreshOptions {
  /** Refresh even though the access token is not about to expire. */
  force?: boolean;
  /**
   * The token version the caller saw rejected (by the provider's API): refresh only if it is
   * still current, otherwise another refresh already replaced it.
   */
  seenVersion?: number;
}

/** Credentials the sweeper claimed to warn about (INTEGRATION_TOKEN_EXPIRING). */
export interface ExpiringCredentials {
  tenantId: string;
  integrationId: string;
  provider: string;
  connectionId: string;
  expiresAt: Date;
  daysUntilExpiry: number;
  notifiedAt: Date;
}
