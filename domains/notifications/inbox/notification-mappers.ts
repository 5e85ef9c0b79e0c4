import { iso } from '../../../lib/kit';
import { Notification, NotificationChange, QueuedNotification } from './notification';

const about = (n: Notification) => ({ notificationId: n.id, channel: n.channel, recipientId: n.recipientId });

const sentPayload = (n: Notification) => ({
  ...about(n),
  sentAt: iso(n.sentAt),
  templateId: n.templateId,
  contextType: n.contextType,
  contextId: n.contextId,
});

/** A request that found its notification already recorded (redelivered event) emits nothing. */
export const notificationQueued = (r: QueuedNotification) => (r.created ? sentPayload(r.notification) : undefined);

/** A retry hands the same notification to its channel again. */
export const notificationRequeued = (r: NotificationChange) => (r.changed ? sentPayload(r.notification) : undefined);

export const notificationDelivered = (n: Notification) => ({ ...about(n), deliveredAt: iso(n.deliveredAt!), providerMessageId: n.providerMessageId });

export const notificationFailed = (n: Notification) => ({
  ...about(n),
  failedAt: iso(n.failedAt!),
  errorCode: n.errorCode,
  errorMessage: n.errorMessage!,
  retryable: n.retryable,
});

/** One DELIVERED per in-app notification the inbox fetch delivered for the first time. */
export const inboxDelivered = (r: { newlyDelivered: Notification[] }) => r.newlyDelivered.map(notificationDelivered);

export const notificationRead = (r: NotificationChange) =>
  r.changed ? { ...about(r.notification), readAt: iso(r.notification.readAt!), client: r.notification.readClient } : undefined;

/** Reading an in-app notification the app had not fetched yet delivers it too. */
export const deliveredOnRead = (r: NotificationChange & { deliveredNow: boolean }) => (r.deliveredNow ? notificationDelivered(r.notification) : undefined);

/** The retry sweeper works for no one: tenant from each notification, actor SYSTEM. */
export const notificationsRetried = (retried: Notification[]) => retried.map((n) => ({ ...sentPayload(n), tenantId: n.tenantId, actorType: 'SYSTEM' as const }));
