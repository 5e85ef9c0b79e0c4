import { injectable } from 'tsyringe';
import { DomainNotFoundError } from '../../../lib/kit';
import { Contact, ContactService } from '../../crm';
import { OutboundEmailService } from '../../email';
import { SurveyType } from '../surveys/survey';
import { SurveyDelivery, SurveyInvitation } from './survey-delivery';

const QUESTION: Record<SurveyType, string> = {
  csat: 'How satisfied are you with how we handled your request? Answer from 1 (not at all) to 5 (very).',
  nps: 'How likely are you to recommend us to a colleague? Answer from 0 to 10.',
  custom: 'We would value your feedback. Answer from 0 to 100.',
};

/**
 * Survey links by email: the contact's address comes from the CRM (ContactService); the message
 * goes through the email module's outbound queue as notification mail (unsubscribable; an
 * opted-out address gets nothing). A contact the CRM does not know, or one without an address,
 * is surveyed through the client portal instead (`channel: portal`).
 */
@injectable()
export class EmailSurveyDelivery extends SurveyDelivery {
  constructor(
    private readonly contacts: ContactService,
    private readonly outbound: OutboundEmailService,
  ) {
    super();
  }

  async channelFor(recipientId: string): Promise<string> {
    const contact = await this.contact(recipientId);
    return contact?.email && !contact.archivedAt ? 'email' : 'portal';
  }

  async deliver({ survey, url, reminderNumber }: SurveyInvitation): Promise<void> {
    if (survey.channel !== 'email') return;
    const contact = await this.contact(survey.recipientId);
    if (!contact?.email || contact.archivedAt) return;
    const about = survey.ticketId ? ' about your recent support request' : '';
    const subject = reminderNumber ? `Reminder: a quick question${about}` : `A quick question${about}`;
    const text = [`Hello ${contact.fullName},`, '', QUESTION[survey.surveyType], '', url, '', `The link works until ${survey.expiresAt.toUTCString()}.`].join('\n');
    await this.outbound.queue({ kind: 'notification', to: [contact.email], subject, text });
  }

  private async contact(id: string): Promise<Contact | undefined> {
    try {
      return await this.contacts.get(id);
    } catch (err) {
      if (err instanceof DomainNotFoundError) return undefined;
      throw err;
    }
  }
}
