import nodemailer from 'nodemailer';
import { injectable } from 'tsyringe';
import { withSubaddress } from '../shared/addresses';
import { EmailSettings } from '../settings';
import { OutboundEmail } from './outbound';

/** How one SMTP session ended. */
export type SmtpOutcome =
  | { accepted: true; providerMessageId: string; response: string }
  | { accepted: false; code?: string; message: string; retryable: boolean };

/** The server's own id from its final reply, e.g. `250 2.0.0 Ok: queued as 4BxK2` → 4BxK2. */
export function queueIdOf(response: string | undefined): string | undefined {
  const m = /queued as\s+<?([^\s>]+)>?/i.exec(response ?? '') ?? /\bid=<?([^\s>]+)>?/i.exec(response ?? '');
  return m?.[1];
}

/**
 * Sends one message over SMTP with nodemailer: our Message-ID, Reply-To with the reply token, the
 * envelope sender with the bounce token (VERP), threading headers and any extra headers
 * (List-Unsubscribe). 4xx replies and connection errors are retryable (RFC 5321 §4.2.1); 5xx are not.
 */
@injectable()
export class SmtpTransport {
  constructor(private readonly settings: EmailSettings) {}

  async send(message: OutboundEmail): Promise<SmtpOutcome> {
    const s = this.settings;
    const transport = nodemailer.createTransport({
      host: s.smtp.host,
      port: s.smtp.port,
      secure: s.smtp.secure ?? false,
      auth: s.smtp.auth,
      ignoreTLS: s.smtp.ignoreTLS,
      connectionTimeout: s.smtpTimeoutMs,
      greetingTimeout: s.smtpTimeoutMs,
      socketTimeout: s.smtpTimeoutMs * 3,
    });
    try {
      const info = await transport.sendMail({
        envelope: { from: withSubaddress(s.bounceAddress, `b-${message.envelopeToken}`), to: [...message.to, ...message.cc] },
        from: message.from,
        to: message.to,
        cc: message.cc.length ? message.cc : undefined,
        replyTo: withSubaddress(message.from, `r-${message.replyToken}`),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${message.messageId}>`,
        inReplyTo: message.inReplyTo ? `<${message.inReplyTo}>` : undefined,
        references: message.references.length ? message.references.map((id) => `<${id}>`) : undefined,
        headers: message.headers,
      });
      return { accepted: true, providerMessageId: queueIdOf(info.response) ?? message.messageId, response: info.response };
    } catch (err) {
      const e = err as { responseCode?: number; response?: string; code?: string; message: string };
      if (e.responseCode) {
        return { accepted: false, code: String(e.responseCode), message: (e.response ?? e.message).slice(0, 1000), retryable: e.responseCode >= 400 && e.responseCode < 500 };
      }
      // nodemailer wraps socket errors as ESOCKET / ECONNECTION; the system error code says more.
      const system = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)\b/.exec(e.message)?.[1];
      return { accepted: false, code: system ?? e.code, message: e.message.slice(0, 1000), retryable: true };
    } finally {
      transport.close();
    }
  }
}
