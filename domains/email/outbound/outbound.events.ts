import { BooleanField, DateTimeField, DomainPayload, EmailArrayField, EmailField, StringField, UuidField } from '../../../lib/kit';
import { email } from '../module';

/** One outgoing message: our Message-ID, its conversation and ticket, and the transport that carries it. */
abstract class OutboundEmailPayload extends DomainPayload {
  @StringField({ description: 'The Message-ID we gave the message, without angle brackets' }) messageId!: string;
  @StringField({ optional: true, description: 'Conversation key (the first message of the thread)' }) threadId?: string;
  @UuidField({ optional: true, description: 'The ticket the message belongs to, for ticket replies' }) ticketId?: string;
  @StringField({ description: 'The transport: smtp (a connected mailbox relays through SMTP as well)' }) provider!: string;
}

@email.event({
  type: 'OUTBOUND_EMAIL_QUEUED',
  name: 'Outbound Email Queued',
  subject: 'messageId',
  description:
    'A message was placed in the send queue (a ticket reply or a notification). Emitted once per message; its send ' +
    'attempts then end in OUTBOUND_EMAIL_SENT or OUTBOUND_EMAIL_FAILED. Notification mail to an address that ' +
    'unsubscribed or hard-bounced on policy or complained is not queued at all (the queue result says suppressed) and emits nothing.',
})
export class OutboundEmailQueuedPayload extends OutboundEmailPayload {
  @EmailField() from!: string;
  @EmailArrayField() to!: string[];
  @EmailArrayField({ optional: true }) cc?: string[];
  @StringField() subject!: string;
  @DateTimeField() queuedAt!: string;
}

@email.event({
  type: 'OUTBOUND_EMAIL_SENT',
  name: 'Outbound Email Sent',
  subject: 'messageId',
  description:
    'The SMTP server accepted the message (250 after DATA). providerMessageId is the id the server gave it (the queue ' +
    'id in its reply, e.g. "250 2.0.0 Ok: queued as 4Bx…"), else our Message-ID. Accepted is not delivered: ' +
    'EMAIL_DELIVERED and EMAIL_BOUNCED report what happened next.',
})
export class OutboundEmailSentPayload extends OutboundEmailPayload {
  @StringField() providerMessageId!: string;
  @DateTimeField() sentAt!: string;
}

@email.event({
  type: 'OUTBOUND_EMAIL_FAILED',
  name: 'Outbound Email Failed',
  subject: 'messageId',
  description:
    'A send attempt was refused or could not reach the server. errorCode is the SMTP reply code (e.g. 451, 550) or ' +
    'the connection error (ECONNREFUSED). retryable is true for 4xx and connection errors: the message is tried again ' +
    'with exponential back-off up to the attempt limit; a 5xx is final. Emitted once per failed attempt. A bounce ' +
    'reported later by the recipient\'s server is EMAIL_BOUNCED.',
})
export class OutboundEmailFailedPayload extends OutboundEmailPayload {
  @DateTimeField() failedAt!: string;
  @StringField({ optional: true, description: 'SMTP reply code (421, 450, 550, …) or a network error code' }) errorCode?: string;
  @StringField() errorMessage!: string;
  @BooleanField({ optional: true, description: 'true when another attempt is scheduled' }) retryable?: boolean;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    OUTBOUND_EMAIL_QUEUED: OutboundEmailQueuedPayload;
    OUTBOUND_EMAIL_SENT: OutboundEmailSentPayload;
    OUTBOUND_EMAIL_FAILED: OutboundEmailFailedPayload;
  }
}
