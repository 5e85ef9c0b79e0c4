import { iso, nonEmpty } from '../../../lib/kit';
import { InboundResult } from './inbound';

/** INBOUND_EMAIL_RECEIVED for a message seen for the first time; nothing for a repeat. */
export const inboundReceived = (r: InboundResult) => {
  if (!r.isNew) return undefined;
  const p = r.parsed;
  return {
    providerId: r.providerId,
    emailData: {
      id: p.messageId,
      threadId: r.threadId,
      from: p.from,
      to: nonEmpty(p.to),
      cc: nonEmpty(p.cc),
      bcc: nonEmpty(p.bcc),
      subject: p.subject,
      body: { text: p.text, html: p.html },
      inReplyTo: p.inReplyTo,
      references: nonEmpty(p.references),
      attachments: nonEmpty(p.attachments),
      receivedAt: iso(r.receivedAt),
      providerId: r.providerId,
      ingressSkipReasons: nonEmpty(p.skips),
      rawMimeRef: r.rawMimeRef,
    },
  };
};

/** INBOUND_EMAIL_REPLY_RECEIVED when the message was threaded to a ticket and added to it. */
export const inboundReplyReceived = (r: InboundResult) =>
  r.isNew && r.outcome === 'reply' && r.matchedBy
    ? {
        messageId: r.parsed.messageId,
        threadId: r.threadId,
        ticketId: r.ticketId,
        from: r.parsed.from.email,
        to: r.parsed.to.map((a) => a.email),
        subject: r.parsed.subject,
        receivedAt: iso(r.receivedAt),
        provider: r.provider,
        matchedBy: r.matchedBy,
      }
    : undefined;
