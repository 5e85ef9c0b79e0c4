import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, readDate, UnitOfWork } from '../../../lib/kit';
import { Connection } from '../connections/connection';
import { ConnectionNotFoundError } from '../connections/connection-errors';
import { ConnectionRow, ConnectionStore, connectionOf } from '../connections/connection-store';
import { OAuthClient } from '../oauth/oauth-client';
import { ProviderError, ProviderFailure } from '../providers/provider-failure';
import { IntegrationSettings } from '../settings';
import { refreshFailed } from './token-mappers';
import { RefreshOptions, RefreshOutcome } from './token';

/**
 * Renews access tokens with the refresh token (RFC 6749 §6), single-flight per connection across
 * processes: the attempt starts by writing the connection row, which holds its row lock
 * (PostgreSQL) or the database write lock (SQLite) until commit. A second refresh of the same
 * connection waits there, then finds the token renewed and does not call the provider — with
 * rotating refresh tokens, presenting the old one again would make the provider revoke the grant.
 */
@injectable()
export class TokenRefresher {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
    private readonly oauth: OAuthClient,
    private readonly settings: IntegrationSettings,
  ) {}

  /**
   * Refreshes the connection's access token when it is due (or forced). A provider refusal is
   * recorded and returned as `failed` — not thrown, so it commits with its event: not retryable
   * (invalid_grant, …) marks the connection `needs_attention`; retryable (5xx, 429, timeout,
   * network) keeps it connected and schedules the next attempt with exponential backoff.
   */
  @EmitsEvent('INTEGRATION_TOKEN_REFRESH_FAILED', refreshFailed)
  async refresh(connectionId: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
    const tenant = currentTenant('TokenRefresher.refresh');
    const now = actionTime();
    const db = this.uow.db;
    // The single-flight lock: held until this transaction ends.
    const locked = await db('integration_connections').where({ connection_id: connectionId, tenant }).update({ refresh_attempted_at: now });
    if (!locked) throw new ConnectionNotFoundError(connectionId);
    const row = await this.store.row(connectionId);
    const connection = connectionOf(row);
    if (row.status !== 'connected') return { kind: 'not-refreshable', connection, reason: `the connection is ${row.status}` };
    if (!row.refresh_token_sealed) return { kind: 'not-refreshable', connection, reason: 'the provider issued no refresh token' };
    const due = options.seenVersion !== undefined ? Number(row.token_version) === options.seenVersion : options.force || this.isDue(connection, now);
    if (!due) return { kind: 'already-fresh', connection };

    const { refreshToken } = this.store.openTokens(row);
    try {
      const grant = await this.oauth.refresh(await this.store.oauthCredentials(row.integration_id), refreshToken!, now);
      await this.update(row, {
        ...this.store.tokenColumns(row.connection_id, grant, { refreshSealed: row.refresh_token_sealed, refreshExpiresAt: readDate(row.refresh_token_expires_at) }),
        token_version: Number(row.token_version) + 1,
        refreshed_at: now,
        refresh_failures: 0,
        next_refresh_at: null,
        last_refresh_error_code: null,
        last_refresh_error: null,
      });
      return { kind: 'refreshed', connection: await this.store.connection(connectionId) };
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      await this.recordFailure(row, err.failure, now);
      return { kind: 'failed', connection: await this.store.connection(connectionId), failure: err.failure, failedAt: now };
    }
  }

  /** Due when the access token expires within the refresh window; a token of unknown lifetime is refreshed only on demand. */
  isDue(connection: Pick<Connection, 'accessTokenExpiresAt'>, now: Date): boolean {
    const expiresAt = connection.accessTokenExpiresAt;
    return !!expiresAt && expiresAt.getTime() <= now.getTime() + this.settings.refreshAheadSeconds * 1000;
  }

  private async recordFailure(row: ConnectionRow, failure: ProviderFailure, now: Date): Promise<void> {
    const failures = Number(row.refresh_failures ?? 0) + 1;
    const error = { last_refresh_error_code: failure.code.slice(0, 64), last_refresh_error: failure.message };
    if (failure.retryable) {
      const backoff = Math.min(this.settings.refreshBackoffSeconds * 2 ** (failures - 1), this.settings.maxRefreshBackoffSeconds);
      await this.update(row, { ...error, refresh_failures: failures, next_refresh_at: new Date(now.getTime() + backoff * 1000) });
    } else {
      await this.update(row, { ...error, refresh_failures: failures, next_refresh_at: null, status: 'needs_attention', attention_reason: `The provider refused to renew the token (${failure.code}): reconnect it` });
    }
  }

  private async update(row: ConnectionRow, columns: Record<string, unknown>): Promise<void> {
    await this.uow.db('integration_connections').where({ connection_id: row.connection_id, tenant: row.tenant }).update({ ...columns, updated_at: actionTime() });
  }
}
