/** The notifications domain model: what services return and mappers read. */

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'in_app', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * queued: recorded and handed to its channel (NOTIFICATION_SENT); delivered: the channel
 * confirmed it (NOTIFICATION_DELIVERED); failed: the channel refused it (NOTIFICATION_FAILED).
 */
export type NotificationStatus = 'queued' | 'delivered' | 'failed';

/** One message to one recipient on one channel. */
export interface Notification {
  id: string;
  tenantId: string;
  recipientId: string;
  channel: NotificationChannel;
  /** Template the text came from, e.g. `ticket.assigned`. */
  templateId?: string;
  subject: string;
  body: string;
  /** What it is about (`ticket`) and that record's id. */
  contextType?: string;
  contextId?: string;
  /** The event that caused it: one notification per (event, recipient, channel). */
  sourceEventId?: string;
  status: NotificationStatus;
  /** Where the channel sends it (email address, phone number, push token); absent for in_app. */
  address?: string;
  attempts: number;
  providerMessageId?: string;
  errorCode?: string;
  errorMessage?: string;
  retryable?: boolean;
  sentAt: Date;
  deliveredAt?: Date;
  failedAt?: Date;
  readAt?: Date;
  readClient?: string;
}

/** What a producer asks to be sent. */
export interface NotificationRequest {
  recipientId: string;
  channel: NotificationChannel;
  subject: string;
  body: string;
  templateId?: string;
  contextType?: string;
  contextId?: string;
  /** The event this notification answers; a second request for the same event, recipient and channel is a no-op. */
  sourceEventId?: string;
}

/** The result of `queue`: the notification, and whether this call created it (false: it existed). */
export interface QueuedNotification {
  notification: Notification;
  created: boolean;
}

/** The result of an action on one notification that may change nothing. */
export interface NotificationChange {
  notification: Notification;
  changed: boolean;
}
