import { DeliveryReport, FeedbackReport } from '../mime/delivery-report';
import { DeliverySignal } from './delivery';

/**
 * The signals of a report found in the mailbox. DSN (RFC 3464): Action delivered / relayed /
 * expanded → delivered; failed → bounced, hard for a 5.x.x status and soft for 4.x.x (RFC 3463);
 * delayed → nothing (a delay is not a bounce). ARF (RFC 5965) → one complaint.
 * `envelopeToken` is the VERP token of the address the report was sent to, for reports without
 * the original headers.
 */
export function reportSignals(report: DeliveryReport | FeedbackReport, context: { envelopeToken?: string; rawRef: string; fallbackRecipient?: string }): DeliverySignal[] {
  const base = { messageId: report.originalMessageId, envelopeToken: context.envelopeToken, rawRef: context.rawRef };
  if (report.kind === 'arf') {
    const recipient = report.recipient ?? context.fallbackRecipient;
    return recipient ? [{ ...base, kind: 'complaint', source: 'arf', recipient, complaintType: report.feedbackType }] : [];
  }
  return report.recipients.flatMap((r): DeliverySignal[] => {
    if (r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded') return [{ ...base, kind: 'delivered', source: 'dsn', recipient: r.recipient }];
    if (r.action !== 'failed') return [];
    const bounceType = r.status?.startsWith('4') ? 'soft' : 'hard';
    return [{ ...base, kind: 'bounced', source: 'dsn', recipient: r.recipient, bounceType, statusCode: r.status, detail: r.diagnostic }];
  });
}
