import { injectable } from 'tsyringe';
import { actionTime, currentTenant, SignedTokens } from '../../../lib/kit';
import { EmailSettings } from '../settings';

/** The purpose (and audience) of one-click unsubscribe tokens. */
export const UNSUBSCRIBE_PURPOSE = 'email-unsubscribe';

export interface UnsubscribeClaims {
  /** Tenant. */
  t: string;
  /** Recipient address. */
  e: string;
  /** Our Message-ID of the notification that carried the link. */
  m: string;
}

/**
 * The RFC 8058 header pair of a notification: `List-Unsubscribe: <https://…/email/unsubscribe?token=<token>>`
 * and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The token is a signed JWS (SignedTokens)
 * naming the tenant, recipient and message, expiring after EmailSettings.unsubscribeTokenDays.
 */
@injectable()
export class UnsubscribeLinks {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly settings: EmailSettings,
  ) {}

  async headersFor(recipient: string, messageId: string): Promise<Record<string, string>> {
    const claims: UnsubscribeClaims = { t: currentTenant('UnsubscribeLinks.headersFor'), e: recipient, m: messageId };
    const token = await this.tokens.sign(UNSUBSCRIBE_PURPOSE, { ...claims }, { expiresInSeconds: this.settings.unsubscribeTokenDays * 86_400, now: actionTime() });
    const url = `${this.settings.publicBaseUrl.replace(/\/$/, '')}/email/unsubscribe?token=${token}`;
    return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }
}
