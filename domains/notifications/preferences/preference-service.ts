import { injectable } from 'tsyringe';
import { currentTenant, readJson, UnitOfWork } from '../../../lib/kit';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../inbox/notification';
import { NotificationInputError } from '../inbox/notification-errors';
import { checkUuid } from '../inbox/notification-input';
import { ADDRESSED_CHANNELS, AddressedChannel, DEFAULT_CHANNELS, NOTIFICATION_TOPICS, NotificationTopic } from './preference';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Recipients' channel choices, addresses and team watches. Settings, not business events: these
 * actions emit nothing. Every statement is scoped by the acting tenant.
 */
@injectable()
export class NotificationPreferenceService {
  constructor(private readonly uow: UnitOfWork) {}

  /** The channels `recipientId` wants for `topic` (an empty list mutes it). Throws NotificationInputError naming the field. */
  async setChannels(recipientId: string, topic: NotificationTopic, channels: NotificationChannel[]): Promise<void> {
    const tenant = currentTenant('NotificationPreferenceService.setChannels');
    checkUuid('recipientId', recipientId);
    if (!NOTIFICATION_TOPICS.includes(topic)) throw new NotificationInputError('topic', `must be one of ${NOTIFICATION_TOPICS.join(', ')}`);
    channels.forEach((c, i) => {
      if (!NOTIFICATION_CHANNELS.includes(c)) throw new NotificationInputError(`channels[${i}]`, `must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
    });
    await this.uow
      .db('notification_preferences')
      .insert({ tenant, recipient_id: recipientId, topic, channels: JSON.stringify([...new Set(channels)]) })
      .onConflict(['tenant', 'recipient_id', 'topic'])
      .merge(['channels']);
  }

  /** Where `channel` reaches the recipient: an email address, an E.164 phone number (sms) or a device token (push). */
  async setAddress(recipientId: string, channel: AddressedChannel, address: string): Promise<void> {
    const tenant = currentTenant('NotificationPreferenceService.setAddress');
    checkUuid('recipientId', recipientId);
    if (!ADDRESSED_CHANNELS.includes(channel)) throw new NotificationInputError('channel', `must be one of ${ADDRESSED_CHANNELS.join(', ')}`);
    const value = typeof address === 'string' ? address.trim() : '';
    if (channel === 'sms' && !E164.test(value)) throw new NotificationInputError('address', 'must be an E.164 phone number such as +15551234567');
    if (channel === 'email' && !EMAIL.test(value)) throw new NotificationInputError('address', 'must be an email address');
    if (channel === 'push' && !value) throw new NotificationInputError('address', 'must be a device token');
    await this.uow
      .db('notification_addresses')
      .insert({ tenant, recipient_id: recipientId, channel, address: value })
      .onConflict(['tenant', 'recipient_id', 'channel'])
      .merge(['address']);
  }

  /** `userId` is told about tickets assigned to `teamId`. */
  async watchTeam(teamId: string, userId: string): Promise<void> {
    const tenant = currentTenant('NotificationPreferenceService.watchTeam');
    checkUuid('teamId', teamId);
    checkUuid('userId', userId);
    await this.uow.db('notification_team_watchers').insert({ tenant, team_id: teamId, user_id: userId }).onConflict(['tenant', 'team_id', 'user_id']).ignore();
  }

  async channelsFor(recipientId: string, topic: NotificationTopic): Promise<NotificationChannel[]> {
    const tenant = currentTenant('NotificationPreferenceService.channelsFor');
    const row = await this.uow.db('notification_preferences').where({ tenant, recipient_id: recipientId, topic }).first();
    return row ? readJson<NotificationChannel[]>(row.channels) : [...DEFAULT_CHANNELS];
  }

  async addressOf(recipientId: string, channel: NotificationChannel): Promise<string | undefined> {
    const tenant = currentTenant('NotificationPreferenceService.addressOf');
    const row = await this.uow.db('notification_addresses').where({ tenant, recipient_id: recipientId, channel }).first();
    return row?.address;
  }

  /** Users watching the team, in a stable order. */
  async watchersOf(teamId: string): Promise<string[]> {
    const tenant = currentTenant('NotificationPreferenceService.watchersOf');
    const rows = await this.uow.db('notification_team_watchers').where({ tenant, team_id: teamId }).orderBy('user_id');
    return rows.map((r) => r.user_id);
  }
}
