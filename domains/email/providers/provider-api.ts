import { injectable } from 'tsyringe';
import { EmailSettings } from '../settings';
import { ProviderType } from './provider';

export const DEFAULT_API_BASE: Record<ProviderType, string> = {
  microsoft: 'https://graph.microsoft.com/v1.0',
  google: 'https://gmail.googleapis.com',
};

/** A provider API call that failed: `status` is the HTTP status (0 for a network error). */
export class ProviderApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderApiError';
  }

  /** 401/403: the token was refused (revoked consent, expired grant). */
  get unauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export interface ApiAccess {
  type: ProviderType;
  apiBaseUrl: string;
  accessToken: string;
  mailbox?: string;
}

/**
 * The provider message APIs this module uses, over HTTPS with a bearer token:
 * Microsoft Graph `GET /me` and `GET /users/{mailbox}/messages/{id}/$value` (the raw MIME);
 * Gmail `GET /gmail/v1/users/me/profile`, `…/history?startHistoryId=` and
 * `…/messages/{id}?format=raw` (base64url MIME in `raw`).
 */
@injectable()
export class ProviderApi {
  constructor(private readonly settings: EmailSettings) {}

  /** The mailbox address the token belongs to (the connection's verification); Gmail also gives its current history id. */
  async mailboxOf(access: ApiAccess): Promise<{ address: string; historyId?: string }> {
    if (access.type === 'microsoft') {
      const me = (await this.json(access, '/me')) as { mail?: string; userPrincipalName?: string };
      const address = me.mail ?? me.userPrincipalName;
      if (!address) throw new ProviderApiError(502, 'Graph /me returned no mail address');
      return { address };
    }
    const profile = (await this.json(access, '/gmail/v1/users/me/profile')) as { emailAddress?: string; historyId?: string | number };
    if (!profile.emailAddress) throw new ProviderApiError(502, 'Gmail profile returned no emailAddress');
    return { address: profile.emailAddress, historyId: profile.historyId === undefined ? undefined : String(profile.historyId) };
  }

  /** Raw RFC 5322 bytes of one message. */
  async rawMessage(access: ApiAccess, messageId: string): Promise<Buffer> {
    if (access.type === 'microsoft') {
      const res = await this.call(access, `/users/${encodeURIComponent(access.mailbox ?? 'me')}/messages/${encodeURIComponent(messageId)}/$value`);
      return Buffer.from(await res.arrayBuffer());
    }
    const msg = (await this.json(access, `/gmail/v1/users/me/messages/${encodeURIComponent(messageId)}?format=raw`)) as { raw?: string };
    if (typeof msg.raw !== 'string') throw new ProviderApiError(502, 'Gmail message has no raw field');
    return Buffer.from(msg.raw, 'base64url');
  }

  /** Gmail: ids of messages added since `startHistoryId`, and the newest history id. */
  async gmailAddedSince(access: ApiAccess, startHistoryId: string): Promise<{ messageIds: string[]; historyId: string }> {
    const body = (await this.json(access, `/gmail/v1/users/me/history?startHistoryId=${encodeURIComponent(startHistoryId)}&historyTypes=messageAdded`)) as {
      history?: Array<{ messagesAdded?: Array<{ message: { id: string } }> }>;
      historyId: string;
    };
    const ids = (body.history ?? []).flatMap((h) => (h.messagesAdded ?? []).map((m) => m.message.id));
    return { messageIds: [...new Set(ids)], historyId: String(body.historyId) };
  }

  /**
   * Extends a Graph change-notification subscription (PATCH /subscriptions/{id}); resolves with
   * the expiry Graph granted.
   */
  async renewGraphSubscription(access: ApiAccess, subscriptionId: string, until: Date): Promise<Date> {
    const res = await this.call(access, `/subscriptions/${encodeURIComponent(subscriptionId)}`, { method: 'PATCH', body: JSON.stringify({ expirationDateTime: until.toISOString() }) });
    const body = (await res.json()) as { expirationDateTime?: string };
    return new Date(body.expirationDateTime ?? until.toISOString());
  }

  /** Renews Gmail push (POST users/me/watch on the Pub/Sub topic); resolves with its expiry. */
  async gmailWatch(access: ApiAccess, topicName: string): Promise<Date> {
    const res = await this.call(access, '/gmail/v1/users/me/watch', { method: 'POST', body: JSON.stringify({ topicName, labelIds: ['INBOX'] }) });
    const body = (await res.json()) as { expiration?: string | number };
    return new Date(Number(body.expiration));
  }

  private async json(access: ApiAccess, path: string): Promise<unknown> {
    return (await this.call(access, path)).json();
  }

  private async call(access: ApiAccess, path: string, init: { method?: string; body?: string } = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${access.apiBaseUrl.replace(/\/$/, '')}${path}`, {
        method: init.method ?? 'GET',
        body: init.body,
        headers: { authorization: `Bearer ${access.accessToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(this.settings.providerTimeoutMs),
      });
    } catch (err) {
      throw new ProviderApiError(0, `provider API unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) throw new ProviderApiError(res.status, `provider API answered ${res.status} for ${path.split('?')[0]}`);
    return res;
  }
}
