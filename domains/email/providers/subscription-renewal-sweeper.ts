import { injectable } from 'tsyringe';
import { actionTime, Sweeper, UnitOfWork } from '../../../lib/kit';
import { EmailSettings } from '../settings';
import { ProviderApi, ProviderApiError } from './provider-api';
import { EmailProviderService } from './provider-service';
import { ProviderStore } from './provider-store';

export interface Renewal {
  providerId: string;
  tenantId: string;
  /** The new expiry, or undefined when the provider refused (then the mailbox was disconnected). */
  expiresAt?: Date;
}

/**
 * Keeps push notifications flowing: Graph mail subscriptions and Gmail watches lapse after days,
 * so every connected mailbox whose subscription lapses within subscriptionRenewAheadSeconds is
 * renewed (Graph PATCH /subscriptions/{id}, Gmail users.watch). Each mailbox is claimed with a
 * conditional UPDATE, so two sweeps at once renew it once. A renewal the provider refuses with
 * 401/403 means access was revoked: the mailbox is disconnected (EMAIL_PROVIDER_DISCONNECTED).
 * Other failures are retried by the next sweep.
 */
@injectable()
export class SubscriptionRenewalSweeper implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ProviderStore,
    private readonly api: ProviderApi,
    private readonly providers: EmailProviderService,
    private readonly settings: EmailSettings,
  ) {}

  async sweep(now: Date = actionTime()): Promise<Renewal[]> {
    const horizon = new Date(now.getTime() + this.settings.subscriptionRenewAheadSeconds * 1000);
    const due = await this.uow.db('email_providers').where({ status: 'connected' }).whereNotNull('subscription_expires_at').where('subscription_expires_at', '<=', horizon).select('tenant', 'provider_id');
    const renewals: Renewal[] = [];
    for (const { tenant, provider_id: providerId } of due) {
      const claimed = await this.uow.db('email_providers')
        .where({ tenant, provider_id: providerId, status: 'connected' })
        // Still due (another sweep may have renewed it since the SELECT) and not claimed by a running sweep.
        .where('subscription_expires_at', '<=', horizon)
        .andWhere((q) => q.whereNull('renewal_claimed_until').orWhere('renewal_claimed_until', '<', now))
        .update({ renewal_claimed_until: new Date(now.getTime() + 5 * 60_000) });
      if (!claimed) continue;
      renewals.push(await this.store.withTenant(tenant, () => this.renew(tenant, providerId, now)));
    }
    return renewals;
  }

  private async renew(tenantId: string, providerId: string, now: Date): Promise<Renewal> {
    const row = await this.store.row(providerId);
    const access = this.store.access(row);
    // Without a Pub/Sub topic a Gmail watch cannot be renewed: nothing to try (configure WFE_GMAIL_TOPIC).
    if (!access || (row.provider_type === 'google' && !this.settings.gmailTopicName)) return { tenantId, providerId };
    try {
      const expiresAt =
        row.provider_type === 'microsoft'
          ? await this.api.renewGraphSubscription(access, row.subscription_id, new Date(now.getTime() + this.settings.graphSubscriptionMinutes * 60_000))
          : await this.api.gmailWatch(access, this.settings.gmailTopicName);
      await this.uow.db('email_providers').where({ tenant: tenantId, provider_id: providerId }).update({ subscription_expires_at: expiresAt, renewal_claimed_until: null });
      return { tenantId, providerId, expiresAt };
    } catch (err) {
      if (!(err instanceof ProviderApiError)) throw err;
      if (err.unauthorized) await this.providers.markRevokedByProvider(providerId, `subscription renewal answered ${err.status}`);
      return { tenantId, providerId };
    }
  }
}
