import { iso } from '../../../lib/kit';
import { ExpiringCredentials, RefreshOutcome } from './token';

export const refreshFailed = (outcome: RefreshOutcome) =>
  outcome.kind === 'failed'
    ? {
        tenantId: outcome.connection.tenantId,
        integrationId: outcome.connection.integrationId,
        provider: outcome.connection.provider,
        connectionId: outcome.connection.id,
        failedAt: iso(outcome.failedAt),
        errorCode: outcome.failure.code,
        errorMessage: outcome.failure.message,
        retryable: outcome.failure.retryable,
      }
    : undefined;

/** One event per connection claimed by this sweep; sweeps run for no one, so tenant and actor come from here. */
export const tokensExpiring = (claimed: ExpiringCredentials[]) =>
  claimed.map((c) => ({
    tenantId: c.tenantId,
    actorType: 'SYSTEM' as const,
    integrationId: c.integrationId,
    provider: c.provider,
    connectionId: c.connectionId,
    expiresAt: iso(c.expiresAt),
    daysUntilExpiry: c.daysUntilExpiry,
    notifiedAt: iso(c.notifiedAt),
  }));
