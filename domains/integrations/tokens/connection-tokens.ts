import { injectable } from 'tsyringe';
import { actionTime } from '../../../lib/kit';
import { ConnectionStateError, ProviderCallError } from '../connections/connection-errors';
import { ConnectionStore } from '../connections/connection-store';
import { TokenRefresher } from './token-refresher';

/** Seconds before its stated expiry at which an access token is no longer handed out. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A usable access token for calling the provider's API on behalf of a connection: renewed first
 * when it is (about to be) expired, or when the API just rejected it. Used by the sync runner.
 */
@injectable()
export class ConnectionTokens {
  constructor(
    private readonly store: ConnectionStore,
    private readonly refresher: TokenRefresher,
  ) {}

  /**
   * Throws ConnectionStateError when the connection is not connected, ProviderCallError when a
   * needed refresh failed (its INTEGRATION_TOKEN_REFRESH_FAILED is committed all the same).
   * `rejectedVersion`: the version of the token the provider's API just answered 401 to.
   */
  async accessToken(connectionId: string, rejectedVersion?: number): Promise<{ token: string; version: number }> {
    const row = await this.store.row(connectionId);
    if (row.status !== 'connected') throw new ConnectionStateError(row.connection_id, row.status, 'use');
    const current = this.store.openTokens(row).accessToken!;
    const expiresAt = (await this.store.connection(connectionId)).accessTokenExpiresAt;
    const expired = !!expiresAt && expiresAt.getTime() <= actionTime().getTime() + CLOCK_SKEW_SECONDS * 1000;
    const version = Number(row.token_version);
    if (rejectedVersion !== version && !expired) return { token: current, version };

    const outcome = await this.refresher.refresh(connectionId, { seenVersion: version });
    if (outcome.kind === 'failed') throw new ProviderCallError('The token refresh', outcome.failure);
    if (outcome.kind === 'not-refreshable') {
      throw new ProviderCallError('The token refresh', { code: rejectedVersion !== undefined ? 'unauthorized' : 'token_expired', message: `the access token is not usable and ${outcome.reason}`, retryable: false });
    }
    const renewed = await this.store.row(connectionId);
    return { token: this.store.openTokens(renewed).accessToken!, version: Number(renewed.token_version) };
  }
}
