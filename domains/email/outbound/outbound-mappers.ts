import { iso, nonEmpty } from '../../../lib/kit';
import { QueueResult, SendAttempt } from './outbound';

/** OUTBOUND_EMAIL_QUEUED for a queued message; nothing when every recipient was suppressed. */
export const outboundQueued = (result: QueueResult) => {
  const m = result.queued;
  if (!m) return undefined;
  return {
    messageId: m.messageId,
    threadId: m.threadId,
    ticketId: m.ticketId,
    from: m.from,
    to: m.to,
    cc: nonEmpty(m.cc),
    subject: m.subject,
    queuedAt: iso(m.queuedAt),
    provider: 'smtp',
  };
};

const attempts = (result: SendAttempt | SendAttempt[] | undefined): SendAttempt[] => (result === undefined ? [] : Array.isArray(result) ? result : [result]);

/** OUTBOUND_EMAIL_SENT for each accepted attempt (one attempt, or a sweep's list). */
export const outboundSent = (result: SendAttempt | SendAttempt[] | undefined) =>
  attempts(result)
    .filter((a) => a.outcome === 'sent')
    .map((a) => ({
      tenantId: a.message.tenantId,
      messageId: a.message.messageId,
      providerMessageId: a.providerMessageId!,
      threadId: a.message.threadId,
      ticketId: a.message.ticketId,
      sentAt: iso(a.at),
      provider: 'smtp',
    }));

/** OUTBOUND_EMAIL_FAILED for each refused or unreachable attempt. */
export const outboundFailed = (result: SendAttempt | SendAttempt[] | undefined) =>
  attempts(result)
    .filter((a) => a.outcome === 'failed')
    .map((a) => ({
      tenantId: a.message.tenantId,
      messageId: a.message.messageId,
      threadId: a.message.threadId,
      ticketId: a.message.ticketId,
      failedAt: iso(a.at),
      provider: 'smtp',
      errorCode: a.errorCode,
      errorMessage: a.errorMessage ?? 'send failed',
      retryable: a.retryable,
    }));
