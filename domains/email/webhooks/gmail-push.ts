import { OAuth2Client } from 'google-auth-library';
import { injectable } from 'tsyringe';
import { UnitOfWork } from '../../../lib/kit';
import { ProviderApi, ProviderApiError } from '../providers/provider-api';
import { EmailProviderService } from '../providers/provider-service';
import { ProviderStore } from '../providers/provider-store';
import { EmailSettings } from '../settings';
import { normalizeAddress } from '../shared/addresses';
import { MailboxFetcher } from './mailbox-notifications';
import { refused } from './webhook-refusal';

/**
 * Gmail push notifications (POST /webhooks/email/google): a Cloud Pub/Sub push whose
 * `Authorization: Bearer` is an OIDC token Google signs for the subscription's service account.
 * The token is verified with google-auth-library (OAuth2Client.verifyIdToken: signature against
 * Google's certificates, issuer, expiry, audience = EmailSettings.googlePushAudience) and must name
 * the configured service account with a verified email; otherwise 401 and nothing is fetched.
 * The message data ({emailAddress, historyId}) leads to users.history.list since the mailbox's last
 * history id, and each added message is fetched (format=raw) and ingested.
 */
@injectable()
export class GmailPushReceiver {
  private client?: OAuth2Client;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: EmailSettings,
    private readonly store: ProviderStore,
    private readonly api: ProviderApi,
    private readonly fetcher: MailboxFetcher,
    private readonly providers: EmailProviderService,
  ) {}

  async receive(authorization: string | undefined, body: unknown): Promise<{ fetched: number; received: number }> {
    await this.verify(authorization);
    const data = (body as { message?: { data?: string } })?.message?.data;
    if (typeof data !== 'string') throw refused.malformed('expected a Pub/Sub push body with message.data');
    let note: { emailAddress?: string; historyId?: string | number };
    try {
      note = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    } catch {
      throw refused.malformed('message.data is not base64 JSON');
    }
    if (typeof note.emailAddress !== 'string') throw refused.malformed('message.data has no emailAddress');
    const row = await this.uow.db('email_providers').where({ provider_type: 'google', mailbox: normalizeAddress(note.emailAddress) }).orderBy('connected_at', 'desc').first();
    if (!row) throw refused.unknown(`Gmail mailbox ${note.emailAddress}`);
    if (row.status !== 'connected') throw refused.disconnected(`Gmail mailbox ${note.emailAddress}`);
    const tenant = row.tenant;
    const start = row.gmail_history_id ?? String(Number(note.historyId ?? 1) - 1);
    const access = this.store.withTenant(tenant, () => this.store.access(row))!;
    let added: { messageIds: string[]; historyId: string };
    try {
      added = await this.api.gmailAddedSince(access, start);
    } catch (err) {
      if (err instanceof ProviderApiError && err.unauthorized) {
        await this.fetcher.asMailbox(tenant, () => this.providers.markRevokedByProvider(row.provider_id, `Gmail API answered ${err.status}`));
        return { fetched: 0, received: 0 };
      }
      throw err;
    }
    const results = await this.fetcher.fetchAndIngest(tenant, row.provider_id, added.messageIds);
    // Only moves forward: a late notification never rewinds the mailbox's position.
    await this.uow.db('email_providers').where({ tenant, provider_id: row.provider_id }).andWhere((q) => q.whereNull('gmail_history_id').orWhere('gmail_history_id', start)).update({ gmail_history_id: added.historyId });
    return { fetched: results.length, received: results.filter((r) => r.isNew).length };
  }

  private async verify(authorization: string | undefined): Promise<void> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw refused.signature('missing bearer token');
    this.client ??= new OAuth2Client(this.settings.googleCertsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: this.settings.googleCertsUrl } } : {});
    let payload;
    try {
      payload = (await this.client.verifyIdToken({ idToken: token, audience: this.settings.googlePushAudience })).getPayload();
    } catch (err) {
      throw refused.signature(`push token rejected: ${(err as Error).message.split('\n')[0].slice(0, 200)}`);
    }
    if (!payload?.email_verified || !this.settings.googlePushServiceAccount || payload.email !== this.settings.googlePushServiceAccount) {
      throw refused.signature('push token is not from the configured service account');
    }
  }
}
