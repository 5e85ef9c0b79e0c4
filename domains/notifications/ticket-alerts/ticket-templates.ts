import { Ticket } from '../../tickets';
import { NotificationTopic } from '../preferences/preference';

/** The text of a ticket notification; `templateId` names the template (`ticket.assigned`, …). */
export interface RenderedNotification {
  templateId: string;
  subject: string;
  body: string;
}

const label = (t: Ticket) => `${t.ticketNumber} "${t.title}"`;

export function renderTicketNotification(topic: NotificationTopic, ticket: Ticket, detail: { stage?: string; overdueBySeconds?: number } = {}): RenderedNotification {
  switch (topic) {
    case 'ticket_assigned':
      return { templateId: 'ticket.assigned', subject: `Ticket ${ticket.ticketNumber} assigned to you`, body: `${label(ticket)} is now yours.` };
    case 'ticket_customer_replied':
      return { templateId: 'ticket.customer_replied', subject: `Client replied on ${ticket.ticketNumber}`, body: `The client replied on ${label(ticket)}; it is waiting on you.` };
    case 'ticket_sla_breached': {
      const minutes = Math.round((detail.overdueBySeconds ?? 0) / 60);
      return {
        templateId: 'ticket.sla_breached',
        subject: `SLA breached on ${ticket.ticketNumber}`,
        body: `The ${detail.stage ?? 'SLA'} target of ${label(ticket)} was missed${minutes ? ` by ${minutes} min` : ''}.`,
      };
    }
  }
}
