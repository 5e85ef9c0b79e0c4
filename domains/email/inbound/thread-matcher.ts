import { injectable } from 'tsyringe';
import { OutboundStore } from '../outbound/outbound-store';
import { subaddressOf } from '../shared/addresses';
import { MessageIndex } from '../threads/message-index';
import { MatchedBy, ParsedEmail } from './inbound';

export interface ThreadMatch {
  threadId: string;
  ticketId: string;
  matchedBy: MatchedBy;
}

/**
 * Finds the ticket conversation an inbound message answers: In-Reply-To first, then References
 * newest first (RFC 5322 §3.6.4), then the reply token of our Reply-To address
 * (`<local>+r-<token>@<domain>`), which survives clients that drop threading headers.
 */
@injectable()
export class ThreadMatcher {
  constructor(
    private readonly index: MessageIndex,
    private readonly outbound: OutboundStore,
  ) {}

  async match(parsed: ParsedEmail, mailbox: string): Promise<ThreadMatch | undefined> {
    if (parsed.inReplyTo) {
      const [hit] = await this.index.lookup([parsed.inReplyTo]);
      if (hit?.ticketId) return { threadId: hit.threadId, ticketId: hit.ticketId, matchedBy: 'in_reply_to' };
    }
    const refs = [...parsed.references].reverse();
    const hits = (await this.index.lookup(refs)).filter((h) => h.ticketId);
    if (hits.length) return { threadId: hits[0].threadId, ticketId: hits[0].ticketId!, matchedBy: 'references' };
    for (const { email } of [...parsed.to, ...parsed.cc]) {
      const tag = subaddressOf(email, mailbox);
      if (!tag?.startsWith('r-')) continue;
      const sent = await this.outbound.byToken('reply_token', tag.slice(2));
      if (sent?.ticketId) return { threadId: sent.threadId ?? sent.messageId, ticketId: sent.ticketId, matchedBy: 'reply_token' };
    }
    return undefined;
  }
}
