import { readDate } from '../../../lib/kit';
import { Notification } from './notification';

/** A `notifications` row as the domain reads it. */
export function toNotification(row: Record<string, any>): Notification {
  const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
  return {
    id: row.notification_id,
    tenantId: row.tenant,
    recipientId: row.recipient_id,
    channel: row.channel,
    templateId: opt(row.template_id),
    subject: row.subject,
    body: row.body,
    contextType: opt(row.context_type),
    contextId: opt(row.context_id),
    sourceEventId: opt(row.source_event_id),
    status: row.status,
    address: opt(row.address),
    attempts: Number(row.attempts),
    providerMessageId: opt(row.provider_message_id),
    errorCode: opt(row.error_code),
    errorMessage: opt(row.error_message),
    retryable: row.retryable === null || row.retryable === undefined ? undefined : Boolean(row.retryable),
    sentAt: readDate(row.sent_at)!,
    deliveredAt: readDate(row.delivered_at) ?? undefined,
    failedAt: readDate(row.failed_at) ?? undefined,
    readAt: readDate(row.read_at) ?? undefined,
    readClient: opt(row.read_client),
  };
}
