import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { OutboundEmailFailedPayload, OutboundEmailSentPayload } from '../../email';
import { DeliveryService } from './delivery-service';

/**
 * The email module reports what became of a notification mail (matched by Message-ID; mail that
 * is not a notification matches nothing): the SMTP relay took it → NOTIFICATION_DELIVERED; a
 * final refusal → NOTIFICATION_FAILED. A failure with another attempt scheduled waits.
 */
@injectable()
export class EmailOutcomeHandler {
  constructor(private readonly delivery: DeliveryService) {}

  @OnEvent('OUTBOUND_EMAIL_SENT')
  async onSent(payload: OutboundEmailSentPayload): Promise<void> {
    await this.delivery.confirm(payload.messageId);
  }

  @OnEvent('OUTBOUND_EMAIL_FAILED')
  async onFailed(payload: OutboundEmailFailedPayload): Promise<void> {
    if (payload.retryable) return;
    await this.delivery.reportFailure(payload.messageId, { code: payload.errorCode ? `SMTP_${payload.errorCode}` : 'EMAIL_FAILED', message: payload.errorMessage, retryable: false });
  }
}
