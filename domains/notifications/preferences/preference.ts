import { NotificationChannel } from '../inbox/notification';

/**
 * What a recipient can subscribe to. Each topic is one kind of ticket activity; a recipient
 * without a stored preference for a topic gets it in the in-app inbox only.
 */
export const NOTIFICATION_TOPICS = ['ticket_assigned', 'ticket_customer_replied', 'ticket_sla_breached'] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export const DEFAULT_CHANNELS: readonly NotificationChannel[] = ['in_app'];

/** Channels that need an address (email address, E.164 phone number, push device token). */
export const ADDRESSED_CHANNELS = ['email', 'sms', 'push'] as const;
export type AddressedChannel = (typeof ADDRESSED_CHANNELS)[number];
