import { injectable } from 'tsyringe';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, forUpdate, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { NotificationPreferenceService } from '../preferences/preference-service';
import { Notification, NotificationChange, NotificationRequest, QueuedNotification } from './notification';
import { NotificationInputError, NotificationNotFoundError, NotificationStateError } from './notification-errors';
import { checkRequest, checkUuid } from './notification-input';
import { deliveredOnRead, inboxDelivered, notificationQueued, notificationRead, notificationRequeued } from './notification-mappers';
import { toNotification } from './notification-rows';

/** Namespace of the notification ids derived from (source event, recipient, channel). */
const NOTIFICATION_ID_NAMESPACE = '5b0f6a52-8d7e-4c1b-9a3f-2e6d4c8b1a70';

/**
 * Recording notifications and the in-app inbox. `queue` hands a notification to its channel
 * (NOTIFICATION_SENT; the worker's delivery handler then talks to the gateway); the inbox fetch
 * confirms in-app delivery, opening one reads it.
 */
@injectable()
export class NotificationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly preferences: NotificationPreferenceService,
  ) {}

  /**
   * Records one notification and hands it to its channel. With `sourceEventId`, the id is derived
   * from (event, recipient, channel) and a second call for the same three is a no-op
   * (`created: false`, no event) — a redelivered event notifies nobody twice; the same id is the
   * gateway's idempotency key. Throws NotificationInputError naming the field.
   */
  @EmitsEvent('NOTIFICATION_SENT', notificationQueued)
  async queue(request: NotificationRequest): Promise<QueuedNotification> {
    const tenant = currentTenant('NotificationService.queue');
    checkRequest(request);
    if (request.sourceEventId !== undefined && (typeof request.sourceEventId !== 'string' || !request.sourceEventId || request.sourceEventId.length > 64)) {
      throw new NotificationInputError('sourceEventId', 'must be a non-empty event id of at most 64 characters');
    }
    const id = request.sourceEventId
      ? uuidv5(`${tenant}:${request.sourceEventId}:${request.recipientId}:${request.channel}`, NOTIFICATION_ID_NAMESPACE)
      : uuidv4();
    const address = request.channel === 'in_app' ? undefined : await this.preferences.addressOf(request.recipientId, request.channel);
    const row = {
      notification_id: id,
      tenant,
      recipient_id: request.recipientId,
      channel: request.channel,
      template_id: request.templateId ?? null,
      subject: request.subject.trim(),
      body: request.body,
      context_type: request.contextType ?? null,
      context_id: request.contextId ?? null,
      source_event_id: request.sourceEventId ?? null,
      status: 'queued',
      address: address ?? null,
      attempts: 1,
      sent_at: actionTime(),
    };
    const created = request.sourceEventId
      ? await insertIfAbsent(this.uow.db, 'notifications', row, ['tenant', 'source_event_id', 'recipient_id', 'channel'])
      : (await this.uow.db('notifications').insert(row), true);
    return { notification: await this.get(id), created };
  }

  /**
   * The recipient's in-app notifications, newest first (`unreadOnly` leaves read ones out). The
   * fetch is the in-app channel's confirmation: each notification listed for the first time emits
   * NOTIFICATION_DELIVERED, once.
   */
  @EmitsEvent('NOTIFICATION_DELIVERED', inboxDelivered)
  async inbox(recipientId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<{ notifications: Notification[]; newlyDelivered: Notification[] }> {
    const tenant = currentTenant('NotificationService.inbox');
    checkUuid('recipientId', recipientId);
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new NotificationInputError('limit', 'must be a whole number from 1 to 200');
    const now = actionTime();
    const q = this.uow.db('notifications').where({ tenant, recipient_id: recipientId, channel: 'in_app' });
    if (options.unreadOnly) q.whereNull('read_at');
    const rows = await q.orderBy([{ column: 'sent_at', order: 'desc' }, { column: 'notification_id', order: 'desc' }]).limit(limit);
    const newlyDelivered: Notification[] = [];
    for (const row of rows.filter((r) => r.status === 'queued')) {
      // Conditional: two fetches at once deliver each notification once.
      const n = await this.uow
        .db('notifications')
        .where({ tenant, notification_id: row.notification_id, status: 'queued' })
        .update({ status: 'delivered', delivered_at: now });
      if (n) newlyDelivered.push(await this.get(row.notification_id));
    }
    const delivered = new Map(newlyDelivered.map((n) => [n.id, n]));
    return { notifications: rows.map((r) => delivered.get(r.notification_id) ?? toNotification(r)), newlyDelivered };
  }

  /**
   * The recipient opened an in-app notification: NOTIFICATION_READ once (reading again changes
   * nothing), and NOTIFICATION_DELIVERED first if the app had not fetched it yet. With
   * `recipientId`, another recipient's notification is not found. Other channels cannot report
   * reads: NotificationStateError.
   */
  @EmitsEvent('NOTIFICATION_DELIVERED', deliveredOnRead)
  @EmitsEvent('NOTIFICATION_READ', notificationRead)
  async markRead(notificationId: string, options: { recipientId?: string; client?: string } = {}): Promise<NotificationChange & { deliveredNow: boolean }> {
    const tenant = currentTenant('NotificationService.markRead');
    checkUuid('notificationId', notificationId);
    if (options.recipientId !== undefined) checkUuid('recipientId', options.recipientId);
    if (options.client !== undefined && (typeof options.client !== 'string' || !/^[\w.-]{1,50}$/.test(options.client))) {
      throw new NotificationInputError('client', 'must be 1 to 50 letters, digits, dots, dashes or underscores');
    }
    const before = await this.get(notificationId, { forUpdate: true });
    if (options.recipientId && before.recipientId !== options.recipientId) throw new NotificationNotFoundError(notificationId);
    if (before.channel !== 'in_app') throw new NotificationStateError(`Notification ${notificationId} went by ${before.channel}, which reports no reads`);
    if (before.readAt) return { notification: before, changed: false, deliveredNow: false };
    const now = actionTime();
    const deliveredNow = before.status === 'queued';
    await this.uow
      .db('notifications')
      .where({ tenant, notification_id: notificationId })
      .whereNull('read_at')
      .update({ read_at: now, read_client: options.client ?? null, ...(deliveredNow ? { status: 'delivered', delivered_at: now } : {}) });
    return { notification: await this.get(notificationId), changed: true, deliveredNow };
  }

  /**
   * Hands a failed notification whose failure was retryable to its channel again (same id, one
   * more attempt): NOTIFICATION_SENT again. A delivered, queued or permanently failed one:
   * NotificationStateError.
   */
  @EmitsEvent('NOTIFICATION_SENT', notificationRequeued)
  async retry(notificationId: string): Promise<NotificationChange> {
    const tenant = currentTenant('NotificationService.retry');
    checkUuid('notificationId', notificationId);
    const before = await this.get(notificationId, { forUpdate: true });
    if (before.status !== 'failed' || !before.retryable) {
      throw new NotificationStateError(`Notification ${notificationId} is ${before.status}${before.status === 'failed' ? ' for good' : ''}: only a retryable failure can be retried`);
    }
    const address = before.channel === 'in_app' ? undefined : await this.preferences.addressOf(before.recipientId, before.channel);
    const n = await this.uow
      .db('notifications')
      .where({ tenant, notification_id: notificationId, status: 'failed' })
      .update({
        status: 'queued',
        attempts: before.attempts + 1,
        address: address ?? null,
        sent_at: actionTime(),
        failed_at: null,
        error_code: null,
        error_message: null,
        retryable: null,
      });
    return { notification: await this.get(notificationId), changed: n > 0 };
  }

  async get(notificationId: string, options: { forUpdate?: boolean } = {}): Promise<Notification> {
    const tenant = currentTenant('NotificationService.get');
    checkUuid('notificationId', notificationId);
    let q = this.uow.db('notifications').where({ tenant, notification_id: notificationId });
    if (options.forUpdate) q = q.modify(forUpdate(this.uow.db));
    const row = await q.first();
    if (!row) throw new NotificationNotFoundError(notificationId);
    return toNotification(row);
  }

  /** Every notification one source event caused, e.g. to show who was told about an assignment. */
  async forSourceEvent(sourceEventId: string): Promise<Notification[]> {
    const tenant = currentTenant('NotificationService.forSourceEvent');
    const rows = await this.uow.db('notifications').where({ tenant, source_event_id: sourceEventId }).orderBy(['recipient_id', 'channel']);
    return rows.map(toNotification);
  }
}
