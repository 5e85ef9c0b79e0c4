import { DateTimeField, DomainPayload, EmailField, EnumField, StringField } from '../../../lib/kit';
import { email } from '../module';

/** A report about one message we sent, to one recipient. */
abstract class DeliveryReportPayload extends DomainPayload {
  @StringField({ description: 'Our Message-ID of the message the report is about' }) messageId!: string;
  @StringField({ description: 'The id the sending server or service gave it (OUTBOUND_EMAIL_SENT.providerMessageId)' }) providerMessageId!: string;
  @EmailField({ description: 'The recipient the report is about (RFC 3464 Final-Recipient)' }) to!: string;
}

@email.event({
  type: 'EMAIL_DELIVERED',
  name: 'Email Delivered',
  subject: 'messageId',
  description:
    'A delivery status notification (RFC 3464, Action: delivered) or a sending service\'s delivered webhook says the ' +
    'message reached the recipient\'s server. Once per message and recipient. Delays (Action: delayed) are neither ' +
    'delivered nor bounced; failures are EMAIL_BOUNCED.',
})
export class EmailDeliveredPayload extends DeliveryReportPayload {
  @DateTimeField() deliveredAt!: string;
  @StringField({ description: 'dsn, sendgrid or resend' }) provider!: string;
}

@email.event({
  type: 'EMAIL_BOUNCED',
  name: 'Email Bounced',
  subject: 'messageId',
  description:
    'The message could not be delivered to a recipient: a DSN with Action: failed (or a sending service\'s bounce ' +
    'webhook). bounceType is hard for a permanent 5.x.x status, soft for a transient 4.x.x one. A 5.7.x (policy) hard ' +
    'bounce suppresses later notification mail to the address. Once per message and recipient; Action: delayed is not a ' +
    'bounce. A refusal during our own SMTP session is OUTBOUND_EMAIL_FAILED instead.',
})
export class EmailBouncedPayload extends DeliveryReportPayload {
  @DateTimeField() bouncedAt!: string;
  @EnumField(['hard', 'soft']) bounceType!: 'hard' | 'soft';
  @StringField({ optional: true, description: 'Enhanced status code (RFC 3463), e.g. 5.1.1; else the reply code' }) smtpCode?: string;
  @StringField({ optional: true, description: 'The remote server\'s diagnostic (Diagnostic-Code)' }) smtpMessage?: string;
}

@email.event({
  type: 'EMAIL_COMPLAINT_RECEIVED',
  name: 'Email Complaint Received',
  subject: 'messageId',
  description:
    'A recipient marked the message as spam: an abuse feedback report (RFC 5965 ARF) or a sending service\'s spam ' +
    'report webhook. Later notification mail to the address is suppressed; ticket replies still go out. Once per ' +
    'message and recipient. An explicit opt-out is EMAIL_UNSUBSCRIBED.',
})
export class EmailComplaintReceivedPayload extends DeliveryReportPayload {
  @DateTimeField() complainedAt!: string;
  @StringField({ description: 'arf, sendgrid or resend' }) provider!: string;
  @StringField({ optional: true, description: 'ARF Feedback-Type (abuse, fraud, virus, other, …)' }) complaintType?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    EMAIL_DELIVERED: EmailDeliveredPayload;
    EMAIL_BOUNCED: EmailBouncedPayload;
    EMAIL_COMPLAINT_RECEIVED: EmailComplaintReceivedPayload;
  }
}
