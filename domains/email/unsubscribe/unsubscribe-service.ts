import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, SignedTokenError, SignedTokens, withEmissionContext } from '../../../lib/kit';
import { requireAddress } from '../shared/addresses';
import { EmailInputError } from '../shared/email-errors';
import { SuppressionList } from '../suppression/suppression-list';
import { UNSUBSCRIBE_PURPOSE, UnsubscribeClaims } from './unsubscribe-links';

/** An opt-out and whether it was new (an address unsubscribes once). */
export interface Unsubscription {
  recipientEmail: string;
  source: string;
  messageId?: string;
  at: Date;
  isNew: boolean;
}

/** A one-click token that is not ours, altered, or expired: 401, nothing stored. */
export class UnsubscribeTokenError extends EmailInputError {
  constructor(readonly tokenCode: SignedTokenError['code']) {
    super('token', tokenCode === 'TOKEN_EXPIRED' ? 'has expired' : 'is not a valid unsubscribe token', 'UNSUBSCRIBE_TOKEN_INVALID');
  }
}

/**
 * Opt-outs from notification mail (EMAIL_UNSUBSCRIBED once per address). The one-click POST of
 * RFC 8058 carries only the signed token of the List-Unsubscribe URL: it names tenant, address and
 * message. Ticket replies are not affected by an opt-out.
 */
@injectable()
export class UnsubscribeService {
  constructor(
    private readonly suppressions: SuppressionList,
    private readonly tokens: SignedTokens,
  ) {}

  /** Staff or the recipient opts an address out (source manual, or one_click from the link). */
  @EmitsEvent('EMAIL_UNSUBSCRIBED', (u: Unsubscription) => (u.isNew ? { recipientEmail: u.recipientEmail, unsubscribedAt: u.at.toISOString(), source: u.source, messageId: u.messageId } : undefined))
  async unsubscribe(email: string, options: { source?: 'manual' | 'one_click'; messageId?: string } = {}): Promise<Unsubscription> {
    const recipientEmail = requireAddress('email', email);
    const source = options.source ?? 'manual';
    const isNew = await this.suppressions.add(recipientEmail, 'unsubscribed', options.messageId);
    return { recipientEmail, source, messageId: options.messageId, at: actionTime(), isNew };
  }

  /** The RFC 8058 one-click POST: verifies the token (UnsubscribeTokenError otherwise) and unsubscribes as the token's tenant. */
  async oneClick(token: string): Promise<Unsubscription> {
    let claims: UnsubscribeClaims;
    try {
      claims = await this.tokens.verify<Record<string, unknown> & UnsubscribeClaims>(UNSUBSCRIBE_PURPOSE, token, new Date());
    } catch (err) {
      if (err instanceof SignedTokenError) throw new UnsubscribeTokenError(err.code);
      throw err;
    }
    return withEmissionContext({ tenantId: claims.t, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, () => this.unsubscribe(claims.e, { source: 'one_click', messageId: claims.m }));
  }
}
