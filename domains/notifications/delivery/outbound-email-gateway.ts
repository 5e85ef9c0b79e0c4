import { injectable } from 'tsyringe';
import { EmailInputError, OutboundEmailService } from '../../email';
import { EmailGateway, GatewayError, GatewayReceipt, OutgoingMessage } from './gateway';

/**
 * Email notifications through the email module's outbound queue: queued in the same transaction
 * as the hand-over (so a retried hand-over queues nothing twice), sent by its dispatcher over
 * SMTP. The receipt is `accepted` with the Message-ID; the email module's OUTBOUND_EMAIL_SENT /
 * OUTBOUND_EMAIL_FAILED settle the notification (EmailOutcomeHandler). An address that opted
 * out of notification mail fails for good (RECIPIENT_SUPPRESSED).
 */
@injectable()
export class OutboundEmailGateway extends EmailGateway {
  constructor(private readonly outbound: OutboundEmailService) {
    super();
  }

  async send(message: OutgoingMessage): Promise<GatewayReceipt> {
    let result;
    try {
      result = await this.outbound.queue({ kind: 'notification', to: [message.to], subject: message.subject, text: message.body });
    } catch (err) {
      if (err instanceof EmailInputError) throw new GatewayError('INVALID_ADDRESS', err.message, false);
      throw err;
    }
    if (!result.queued) {
      const why = result.suppressed.map((s) => s.reason).join(', ');
      throw new GatewayError('RECIPIENT_SUPPRESSED', `${message.to} receives no notification mail (${why || 'suppressed'})`, false);
    }
    return { status: 'accepted', providerMessageId: result.queued.messageId };
  }
}
