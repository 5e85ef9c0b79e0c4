import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { NotificationNotFoundError } from '../inbox/notification-errors';
import { NotificationSentPayload } from '../inbox/notification.events';
import { DeliveryService } from './delivery-service';

/** On the worker: each NOTIFICATION_SENT (once per event id) goes to its gateway. */
@injectable()
export class DeliveryHandler {
  constructor(private readonly delivery: DeliveryService) {}

  @OnEvent('NOTIFICATION_SENT')
  async onSent(payload: NotificationSentPayload): Promise<void> {
    await this.delivery.deliver(payload.notificationId).catch((err) => {
      // A `wfe simulate` sample names no stored notification: nothing to deliver.
      if (!(err instanceof NotificationNotFoundError)) throw err;
    });
  }
}
