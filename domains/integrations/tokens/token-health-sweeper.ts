import { injectable } from 'tsyringe';
import { actionTime, Sweeper, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { IntegrationSettings } from '../settings';
import { TokenExpiryNotifier } from './token-expiry-notifier';
import { TokenRefresher } from './token-refresher';
import { RefreshOutcome } from './token';

/**
 * Token health, on the sweep interval: warns about credentials that will need a person
 * (INTEGRATION_TOKEN_EXPIRING), then refreshes access tokens about to expire, each connection in
 * its own transaction and tenant (a failure is INTEGRATION_TOKEN_REFRESH_FAILED and does not stop
 * the others). Connections in retry backoff wait for their next_refresh_at.
 */
@injectable()
export class TokenHealthSweeper implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifier: TokenExpiryNotifier,
    private readonly refresher: TokenRefresher,
    private readonly settings: IntegrationSettings,
  ) {}

  /** Resolves with the warnings emitted and the refreshes attempted (renewed or failed). */
  async sweep(now: Date = actionTime()): Promise<unknown[]> {
    const warned = await this.notifier.notifyExpiring(now);
    const attempted: RefreshOutcome[] = [];
    for (const due of await this.dueForRefresh(now)) {
      const outcome = await withEmissionContext({ tenantId: due.tenant, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, () =>
        this.refresher.refresh(due.connection_id),
      );
      if (outcome.kind === 'refreshed' || outcome.kind === 'failed') attempted.push(outcome);
    }
    return [...warned, ...attempted];
  }

  /** Connected connections with a refresh token whose access token expires within the refresh window. */
  private dueForRefresh(now: Date): Promise<Array<{ connection_id: string; tenant: string }>> {
    return this.uow
      .db('integration_connections')
      .where('status', 'connected')
      .whereNotNull('refresh_token_sealed')
      .where('access_token_expires_at', '<=', new Date(now.getTime() + this.settings.refreshAheadSeconds * 1000))
      .where((q) => q.whereNull('next_refresh_at').orWhere('next_refresh_at', '<=', now))
      .orderBy('access_token_expires_at')
      .select('connection_id', 'tenant');
  }
}
