import { DateTimeField, DomainPayload, EmailField, StringField } from '../../../lib/kit';
import { email } from '../module';

@email.event({
  type: 'EMAIL_UNSUBSCRIBED',
  name: 'Email Unsubscribed',
  subject: 'recipientEmail',
  description:
    'A recipient opted out of notification mail: a one-click POST (RFC 8058) to the List-Unsubscribe URL of a ' +
    'notification, with its signed, expiring token (source one_click), or a staff action (source manual). Later ' +
    'notification mail to the address is suppressed; replies on the recipient\'s tickets still go out. Once per ' +
    'address: unsubscribing again emits nothing. Spam reports are EMAIL_COMPLAINT_RECEIVED.',
})
export class EmailUnsubscribedPayload extends DomainPayload {
  @EmailField({ description: 'The address, lower-cased' }) recipientEmail!: string;
  @DateTimeField() unsubscribedAt!: string;
  @StringField({ description: 'one_click (RFC 8058 POST) or manual' }) source!: string;
  @StringField({ optional: true, description: 'The notification whose link was used' }) messageId?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    EMAIL_UNSUBSCRIBED: EmailUnsubscribedPayload;
  }
}
