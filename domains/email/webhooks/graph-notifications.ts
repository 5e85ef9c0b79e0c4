import { timingSafeEqual } from 'node:crypto';
import { injectable } from 'tsyringe';
import { UnitOfWork } from '../../../lib/kit';
import { EmailProviderService } from '../providers/provider-service';
import { ProviderStore } from '../providers/provider-store';
import { MailboxFetcher } from './mailbox-notifications';
import { refused } from './webhook-refusal';

interface GraphNotification {
  subscriptionId?: string;
  clientState?: string;
  changeType?: string;
  resource?: string;
  resourceData?: { id?: string };
  lifecycleEvent?: string;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Microsoft Graph change notifications (POST /webhooks/email/microsoft) and lifecycle
 * notifications (…/microsoft/lifecycle). Each notification names its subscription and carries the
 * clientState the subscription was created with; every one must match the mailbox's sealed
 * clientState (compared in constant time) or the whole delivery is refused with 401 and nothing is
 * fetched. `created` notifications fetch the message (`/messages/{id}/$value`); the lifecycle
 * event `subscriptionRemoved` disconnects the mailbox (revoked by provider).
 * The validation handshake (`?validationToken=`) is answered by the route.
 */
@injectable()
export class GraphNotificationReceiver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ProviderStore,
    private readonly fetcher: MailboxFetcher,
    private readonly providers: EmailProviderService,
  ) {}

  async receive(body: unknown): Promise<{ fetched: number; received: number }> {
    const value = (body as { value?: unknown })?.value;
    if (!Array.isArray(value) || !value.length) throw refused.malformed('expected {"value": [notifications]}');
    const checked: Array<{ tenant: string; providerId: string; n: GraphNotification }> = [];
    for (const n of value as GraphNotification[]) {
      if (typeof n?.subscriptionId !== 'string' || typeof n.clientState !== 'string') throw refused.signature('a notification lacks subscriptionId or clientState');
      const row = await this.uow.db('email_providers').where({ provider_type: 'microsoft', subscription_id: n.subscriptionId }).orderBy('connected_at', 'desc').first();
      if (!row) throw refused.signature(`unknown subscription ${n.subscriptionId}`);
      const expected = await this.store.withTenant(row.tenant, () => this.store.openClientState(row));
      if (!expected || !sameSecret(expected, n.clientState)) throw refused.signature('clientState does not match');
      checked.push({ tenant: row.tenant, providerId: row.provider_id, n });
    }
    let fetched = 0;
    let received = 0;
    for (const { tenant, providerId, n } of checked) {
      if (n.lifecycleEvent) {
        if (n.lifecycleEvent === 'subscriptionRemoved') await this.fetcher.asMailbox(tenant, () => this.providers.markRevokedByProvider(providerId, 'Graph subscriptionRemoved'));
        continue;
      }
      const id = n.resourceData?.id ?? /messages\/([^/]+)$/i.exec(n.resource ?? '')?.[1];
      if (n.changeType !== 'created' || !id) continue;
      const results = await this.fetcher.fetchAndIngest(tenant, providerId, [id]);
      fetched += results.length;
      received += results.filter((r) => r.isNew).length;
    }
    return { fetched, received };
  }
}
