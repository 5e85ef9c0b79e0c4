import { BooleanField, DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { notifications } from '../module';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './notification';

/** Every notification event names the notification, its channel and its recipient. */
abstract class NotificationPayload extends DomainPayload {
  @UuidField({ description: 'The notification (one message to one recipient on one channel)' }) notificationId!: string;
  @EnumField(NOTIFICATION_CHANNELS, { description: 'in_app: the staff inbox; email, sms, push: through their gateway', examples: ['in_app', 'sms'] })
  channel!: NotificationChannel;

  @UuidField({ description: 'Internal user (or client contact) the notification is for' }) recipientId!: string;
}

@notifications.event({
  type: 'NOTIFICATION_SENT',
  name: 'Notification Sent',
  description:
    'A notification was recorded for one recipient on one channel and handed to that channel (the inbox, or the ' +
    'email, SMS or push gateway). Emitted once per source event, recipient and channel: a redelivered ticket event ' +
    'sends nothing twice. It does not mean the message arrived: that is NOTIFICATION_DELIVERED, or NOTIFICATION_FAILED. ' +
    'A retry of a retryable failure (by staff, or by the retry sweeper after its back-off) emits it again for the same notificationId.',
})
export class NotificationSentPayload extends NotificationPayload {
  @DateTimeField() sentAt!: string;
  @StringField({ optional: true, description: 'Template the text was made from', examples: ['ticket.assigned', 'ticket.sla_breached'] }) templateId?: string;
  @StringField({ optional: true, description: 'Kind of record the notification is about', example: 'ticket' }) contextType?: string;
  @UuidField({ optional: true, description: 'Id of that record' }) contextId?: string;
}

@notifications.event({
  type: 'NOTIFICATION_DELIVERED',
  name: 'Notification Delivered',
  description:
    'The channel confirmed the notification arrived: the SMS or push gateway answered "delivered", the mail server ' +
    'accepted the email, or the recipient\'s app fetched it from the in-app inbox. Once per notification. Opening it ' +
    'is NOTIFICATION_READ; a refusal is NOTIFICATION_FAILED.',
})
export class NotificationDeliveredPayload extends NotificationPayload {
  @DateTimeField() deliveredAt!: string;
  @StringField({ optional: true, description: 'Message id the gateway assigned', example: 'SM9f2c1e7a' }) providerMessageId?: string;
}

@notifications.event({
  type: 'NOTIFICATION_FAILED',
  name: 'Notification Failed',
  description:
    'The channel could not deliver the notification: the gateway refused it, did not answer, or the recipient has no ' +
    'address for the channel. `retryable` says whether sending again may help (gateway down or throttling: true; ' +
    'invalid number or no address: false); retryable failures are retried by the retry sweeper, up to 4 attempts. ' +
    'Once per attempt; a successful retry then emits NOTIFICATION_DELIVERED.',
})
export class NotificationFailedPayload extends NotificationPayload {
  @DateTimeField() failedAt!: string;
  @StringField({ optional: true, description: 'Stable code of the cause', examples: ['GATEWAY_UNAVAILABLE', 'NO_ADDRESS', 'HTTP_400'] }) errorCode?: string;
  @StringField({ description: 'What went wrong, as the gateway or the sender said it' }) errorMessage!: string;
  @BooleanField({ optional: true, description: 'Whether sending again may succeed' }) retryable?: boolean;
}

@notifications.event({
  type: 'NOTIFICATION_READ',
  name: 'Notification Read',
  description:
    'The recipient opened an in-app notification (`POST /notifications/:id/read`). Once per notification: reading it ' +
    'again emits nothing. Channels that cannot report reads (SMS, push, email here) never emit it.',
})
export class NotificationReadPayload extends NotificationPayload {
  @DateTimeField() readAt!: string;
  @StringField({ optional: true, description: 'Client the recipient read it in', examples: ['web', 'ios'] }) client?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    NOTIFICATION_SENT: NotificationSentPayload;
    NOTIFICATION_DELIVERED: NotificationDeliveredPayload;
    NOTIFICATION_FAILED: NotificationFailedPayload;
    NOTIFICATION_READ: NotificationReadPayload;
  }
}
