import { injectable } from 'tsyringe';
import { EventEnvelope, OnEvent } from '../../../lib/kit';
import { Assignee, Ticket, TicketAssignedPayload, TicketCustomerRepliedPayload, TicketNotFoundError, TicketService, TicketSlaStageBreachedPayload } from '../../tickets';
import { NotificationService } from '../inbox/notification-service';
import { NotificationTopic } from '../preferences/preference';
import { NotificationPreferenceService } from '../preferences/preference-service';
import { renderTicketNotification } from './ticket-templates';

/**
 * Who is told about ticket activity, on which channels (run by the worker once per event):
 *
 * - TICKET_ASSIGNED: the new assignee (a user), or the watchers of the new assignee team; not
 *   the user who made the assignment.
 * - TICKET_CUSTOMER_REPLIED: the ticket's assignee (or its team's watchers).
 * - TICKET_SLA_STAGE_BREACHED: the assignee (or the watchers of the assignee team).
 *
 * Each recipient gets the topic on the channels of their preference (in-app by default). The
 * notification ids derive from the event id, so a redelivered event sends nothing twice. An
 * event about a ticket the tenant does not have (a `wfe simulate` sample) tells nobody.
 */
@injectable()
export class TicketNotificationHandler {
  constructor(
    private readonly tickets: TicketService,
    private readonly preferences: NotificationPreferenceService,
    private readonly notifications: NotificationService,
  ) {}

  @OnEvent('TICKET_ASSIGNED')
  async onAssigned(payload: TicketAssignedPayload, envelope: EventEnvelope): Promise<void> {
    const ticket = await this.ticket(payload.ticketId);
    if (!ticket) return;
    const recipients = await this.people({ id: payload.newAssigneeId, type: payload.newAssigneeType });
    await this.tell(recipients.filter((r) => r !== payload.actorUserId), 'ticket_assigned', ticket, envelope);
  }

  @OnEvent('TICKET_CUSTOMER_REPLIED')
  async onCustomerReplied(payload: TicketCustomerRepliedPayload, envelope: EventEnvelope): Promise<void> {
    const ticket = await this.ticket(payload.ticketId);
    if (ticket) await this.tell(await this.people(ticket.assignee), 'ticket_customer_replied', ticket, envelope);
  }

  @OnEvent('TICKET_SLA_STAGE_BREACHED')
  async onSlaBreached(payload: TicketSlaStageBreachedPayload, envelope: EventEnvelope): Promise<void> {
    const ticket = await this.ticket(payload.ticketId);
    if (ticket) await this.tell(await this.people(ticket.assignee), 'ticket_sla_breached', ticket, envelope, { stage: payload.stage, overdueBySeconds: payload.overdueBySeconds });
  }

  private async ticket(ticketId: string): Promise<Ticket | undefined> {
    try {
      return await this.tickets.get(ticketId);
    } catch (err) {
      if (err instanceof TicketNotFoundError) return undefined;
      throw err;
    }
  }

  /** The users behind an assignee: the user, or the team's watchers. */
  private async people(assignee?: Assignee): Promise<string[]> {
    if (!assignee) return [];
    return assignee.type === 'user' ? [assignee.id] : this.preferences.watchersOf(assignee.id);
  }

  private async tell(recipients: string[], topic: NotificationTopic, ticket: Ticket, envelope: EventEnvelope, detail = {}): Promise<void> {
    const text = renderTicketNotification(topic, ticket, detail);
    for (const recipientId of [...new Set(recipients)]) {
      for (const channel of await this.preferences.channelsFor(recipientId, topic)) {
        await this.notifications.queue({ recipientId, channel, ...text, contextType: 'ticket', contextId: ticket.id, sourceEventId: envelope.id });
      }
    }
  }
}
