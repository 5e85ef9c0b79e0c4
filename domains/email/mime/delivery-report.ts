import { bareMessageId } from '../shared/addresses';
import { fieldBlocks, headerBlockOf, leafParts, partText } from './raw-parts';

/** One recipient of a delivery status notification (RFC 3464 §2.3). */
export interface DsnRecipient {
  /** Final-Recipient address (type rfc822), lower-cased. */
  recipient: string;
  action: 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';
  /** Status: the enhanced code (RFC 3463), e.g. 5.1.1. */
  status?: string;
  /** Diagnostic-Code text, without its `smtp;` type. */
  diagnostic?: string;
}

export interface DeliveryReport {
  kind: 'dsn';
  /** Message-ID of the original message, from its returned headers (when the reporting MTA included them). */
  originalMessageId?: string;
  recipients: DsnRecipient[];
}

/** An abuse feedback report (RFC 5965). */
export interface FeedbackReport {
  kind: 'arf';
  feedbackType: string;
  originalMessageId?: string;
  /** Original-Rcpt-To, lower-cased. */
  recipient?: string;
  /** Original-Mail-From: our envelope sender, whose VERP token matches the message when its headers are missing. */
  originalMailFrom?: string;
}

const addressOf = (field: string | undefined): string | undefined => {
  if (!field) return undefined;
  const value = field.includes(';') ? field.slice(field.indexOf(';') + 1) : field;
  return value.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;
};

/**
 * Reads a multipart/report from the raw message: message/delivery-status (RFC 3464) or
 * message/feedback-report (RFC 5965), and the original message's Message-ID from the returned
 * text/rfc822-headers or message/rfc822 part. Undefined when the message carries neither.
 */
export async function readReport(raw: Buffer): Promise<DeliveryReport | FeedbackReport | undefined> {
  const parts = await leafParts(raw);
  const original = parts.find((p) => p.contentType === 'text/rfc822-headers' || p.contentType === 'message/rfc822' || p.contentType === 'message/rfc822-headers');
  const originalId = original ? headerBlockOf(original).get('message-id')?.[0] : undefined;
  const originalMessageId = originalId ? bareMessageId(originalId) : undefined;

  const dsn = parts.find((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status');
  if (dsn) {
    const [, ...perRecipient] = fieldBlocks(partText(dsn));
    const recipients = perRecipient.flatMap((b): DsnRecipient[] => {
      const recipient = addressOf(b.get('final-recipient')?.[0] ?? b.get('original-recipient')?.[0]);
      const action = b.get('action')?.[0]?.toLowerCase() as DsnRecipient['action'] | undefined;
      if (!recipient || !action) return [];
      const diagnostic = b.get('diagnostic-code')?.[0];
      return [{ recipient, action, status: b.get('status')?.[0]?.split(/\s/)[0], diagnostic: diagnostic?.replace(/^[^;]*;\s*/, '') }];
    });
    return { kind: 'dsn', originalMessageId, recipients };
  }
  const arf = parts.find((p) => p.contentType === 'message/feedback-report');
  if (arf) {
    const fields = fieldBlocks(partText(arf))[0] ?? new Map();
    return {
      kind: 'arf',
      feedbackType: fields.get('feedback-type')?.[0]?.toLowerCase() ?? 'other',
      originalMessageId,
      recipient: addressOf(fields.get('original-rcpt-to')?.[0]),
      originalMailFrom: addressOf(fields.get('original-mail-from')?.[0]),
    };
  }
  return undefined;
}
