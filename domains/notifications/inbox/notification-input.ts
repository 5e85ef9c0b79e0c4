import { isUuid } from '../../../lib/kit';
import { NOTIFICATION_CHANNELS, NotificationRequest } from './notification';
import { NotificationInputError } from './notification-errors';

export function checkUuid(field: string, value: unknown): void {
  if (typeof value !== 'string' || !isUuid(value)) throw new NotificationInputError(field, 'must be a UUID');
}

/** Checks a request before anything is written; throws NotificationInputError naming the first bad field. */
export function checkRequest(r: NotificationRequest): void {
  checkUuid('recipientId', r.recipientId);
  if (!NOTIFICATION_CHANNELS.includes(r.channel)) throw new NotificationInputError('channel', `must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
  if (typeof r.subject !== 'string' || !r.subject.trim()) throw new NotificationInputError('subject', 'must not be empty');
  if (r.subject.length > 200) throw new NotificationInputError('subject', 'must be at most 200 characters');
  if (typeof r.body !== 'string' || !r.body.trim()) throw new NotificationInputError('body', 'must not be empty');
  if (r.contextId !== undefined) checkUuid('contextId', r.contextId);
  if (r.contextId !== undefined && !r.contextType) throw new NotificationInputError('contextType', 'is required with contextId');
}
