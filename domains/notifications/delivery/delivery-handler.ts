import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { NotificationSentPayload } from '../inbox/notification.events';
import { DeliveryService } from './delivery-service';

/** On the worker: each NOTIFICATION_SENT (once per event id) goes to its gateway. */
@injectable()
export class DeliveryHandler {
  constructor(private readonly delivery: DeliveryService) {}

  @OnEvent('NOTIFICATION_SENT')
  async onSent(payload: NotificationSentPayload): Promise<void> {
    await this.delivery.deliver(payload.notificationId);
  }
}
