import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { Notification } from '../inbox/notification';
import { notificationDelivered, notificationFailed } from '../inbox/notification-mappers';
import { NotificationService } from '../inbox/notification-service';
import { EmailGateway, GatewayError, GatewayReceipt, MessageGateway, PushGateway, SmsGateway } from './gateway';

/** What one hand-over to a gateway ended in. */
export interface DeliveryOutcome {
  notification: Notification;
  result: 'delivered' | 'accepted' | 'failed' | 'skipped';
}

/**
 * Hands queued email, SMS and push notifications to their gateway (run by the worker for each
 * NOTIFICATION_SENT). The gateway's answer decides: delivered → NOTIFICATION_DELIVERED; refused
 * or unreachable → NOTIFICATION_FAILED with its code and whether a retry may help; accepted →
 * nothing yet (`confirm` when the gateway reports back). In-app notifications wait for
 * the inbox fetch. The notification id is the gateway's idempotency key, so running twice for one
 * notification sends one message.
 */
@injectable()
export class DeliveryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
    private readonly email: EmailGateway,
    private readonly sms: SmsGateway,
    private readonly push: PushGateway,
  ) {}

  @EmitsEvent('NOTIFICATION_DELIVERED', (o: DeliveryOutcome) => (o.result === 'delivered' ? notificationDelivered(o.notification) : undefined))
  @EmitsEvent('NOTIFICATION_FAILED', (o: DeliveryOutcome) => (o.result === 'failed' ? notificationFailed(o.notification) : undefined))
  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const n = await this.notifications.get(notificationId);
    if (n.status !== 'queued' || n.channel === 'in_app' || n.providerMessageId) return { notification: n, result: 'skipped' };
    if (!n.address) return this.fail(n, new GatewayError('NO_ADDRESS', `recipient ${n.recipientId} has no ${n.channel} address`, false));
    let receipt: GatewayReceipt;
    try {
      receipt = await this.gatewayFor(n.channel).send({ notificationId: n.id, channel: n.channel, to: n.address, subject: n.subject, body: n.body });
    } catch (err) {
      const cause = err instanceof GatewayError ? err : new GatewayError('SEND_FAILED', (err as Error).message, true);
      return this.fail(n, cause);
    }
    if (receipt.status === 'delivered') return this.settle(n, { status: 'delivered', delivered_at: actionTime(), provider_message_id: receipt.providerMessageId ?? null }, 'delivered');
    await this.uow.db('notifications').where({ tenant: n.tenantId, notification_id: n.id }).update({ provider_message_id: receipt.providerMessageId ?? null });
    return { notification: await this.notifications.get(n.id), result: 'accepted' };
  }

  /**
   * The gateway reported later that an accepted message arrived (its delivery receipt, by the
   * provider's message id): NOTIFICATION_DELIVERED once; an unknown or already settled id changes nothing.
   */
  @EmitsEvent('NOTIFICATION_DELIVERED', (o: DeliveryOutcome | undefined) => (o?.result === 'delivered' ? notificationDelivered(o.notification) : undefined))
  async confirm(providerMessageId: string): Promise<DeliveryOutcome | undefined> {
    const tenant = currentTenant('DeliveryService.confirm');
    const row = await this.uow.db('notifications').where({ tenant, provider_message_id: providerMessageId, status: 'queued' }).first();
    if (!row) return undefined;
    return this.settle(await this.notifications.get(row.notification_id), { status: 'delivered', delivered_at: actionTime() }, 'delivered');
  }

  /**
   * The gateway reported later that an accepted message failed (by the provider's message id):
   * NOTIFICATION_FAILED once; an unknown or already settled id changes nothing.
   */
  @EmitsEvent('NOTIFICATION_FAILED', (o: DeliveryOutcome | undefined) => (o?.result === 'failed' ? notificationFailed(o.notification) : undefined))
  async reportFailure(providerMessageId: string, cause: { code: string; message: string; retryable: boolean }): Promise<DeliveryOutcome | undefined> {
    const tenant = currentTenant('DeliveryService.reportFailure');
    const row = await this.uow.db('notifications').where({ tenant, provider_message_id: providerMessageId, status: 'queued' }).first();
    if (!row) return undefined;
    return this.fail(await this.notifications.get(row.notification_id), new GatewayError(cause.code, cause.message, cause.retryable));
  }

  private gatewayFor(channel: 'email' | 'sms' | 'push'): MessageGateway {
    return channel === 'email' ? this.email : channel === 'sms' ? this.sms : this.push;
  }

  private fail(n: Notification, err: GatewayError): Promise<DeliveryOutcome> {
    return this.settle(n, { status: 'failed', failed_at: actionTime(), error_code: err.code, error_message: err.message.slice(0, 2000), retryable: err.retryable }, 'failed');
  }

  /** Conditional on the notification still being queued: a concurrent run settles it once. */
  private async settle(n: Notification, columns: Record<string, unknown>, result: 'delivered' | 'failed'): Promise<DeliveryOutcome> {
    const updated = await this.uow.db('notifications').where({ tenant: n.tenantId, notification_id: n.id, status: 'queued' }).update(columns);
    return { notification: await this.notifications.get(n.id), result: updated ? result : 'skipped' };
  }
}
