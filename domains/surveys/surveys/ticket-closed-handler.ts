import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { TicketClosedPayload, TicketNotFoundError, TicketService } from '../../tickets';
import { SurveySettingsService } from '../settings/survey-settings-service';
import { SurveyService } from './survey-service';

/**
 * A closed ticket asks its contact how it went (CSAT), rating the assignee (user or team) at the
 * close. Nothing when the ticket has no contact, the closer asked not to notify the client
 * (`suppressContactNotifications`), it was merged into another ticket, the tenant turned CSAT off, or the ticket had its survey.
 */
@injectable()
export class TicketClosedSurveyHandler {
  constructor(
    private readonly tickets: TicketService,
    private readonly settings: SurveySettingsService,
    private readonly surveys: SurveyService,
  ) {}

  @OnEvent('TICKET_CLOSED')
  async onClosed(payload: TicketClosedPayload): Promise<void> {
    if (payload.suppressContactNotifications) return;
    if (!(await this.settings.get()).csatOnClose) return;
    const ticket = await this.tickets.get(payload.ticketId).catch((err) => {
      if (err instanceof TicketNotFoundError) return undefined; // a `wfe simulate` sample: no such ticket
      throw err;
    });
    if (!ticket?.contactId || ticket.mergedIntoTicketId) return;
    await this.surveys.send({
      surveyType: 'csat',
      recipientId: ticket.contactId,
      ticketId: ticket.id,
      agentId: ticket.assignee?.type === 'user' ? ticket.assignee.id : undefined,
      teamId: ticket.assignee?.type === 'team' ? ticket.assignee.id : undefined,
      templateId: 'csat.ticket_closed',
    });
  }
}
