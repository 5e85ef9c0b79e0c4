import { injectable } from 'tsyringe';
import { withEmissionContext } from '../../../lib/kit';
import { InboundEmailService } from '../inbound/inbound-service';
import { InboundResult } from '../inbound/inbound';
import { ProviderApi, ProviderApiError } from '../providers/provider-api';
import { EmailProviderService } from '../providers/provider-service';
import { ProviderStore } from '../providers/provider-store';

/**
 * What a provider notification leads to, for one mailbox: fetch each new message's raw MIME from
 * the provider's API and ingest it as the mailbox's tenant (actor SYSTEM). A token the API refuses
 * (401/403) means access was revoked: the mailbox is disconnected with that reason.
 */
@injectable()
export class MailboxFetcher {
  constructor(
    private readonly store: ProviderStore,
    private readonly api: ProviderApi,
    private readonly inbound: InboundEmailService,
    private readonly providers: EmailProviderService,
  ) {}

  asMailbox<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    return withEmissionContext({ tenantId, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, fn);
  }

  /** Fetches and ingests `messageIds` (provider ids); ids the provider no longer has (404) are skipped. */
  async fetchAndIngest(tenantId: string, providerId: string, messageIds: string[]): Promise<InboundResult[]> {
    return this.asMailbox(tenantId, async () => {
      const row = await this.store.row(providerId);
      const access = this.store.access(row);
      if (!access) return [];
      const results: InboundResult[] = [];
      for (const id of messageIds) {
        let raw: Buffer;
        try {
          raw = await this.api.rawMessage(access, id);
        } catch (err) {
          if (err instanceof ProviderApiError && err.unauthorized) {
            await this.providers.markRevokedByProvider(providerId, `message API answered ${err.status}`);
            return results;
          }
          if (err instanceof ProviderApiError && err.status === 404) continue;
          throw err;
        }
        results.push(await this.inbound.ingest(providerId, raw));
      }
      return results;
    });
  }
}
