import { injectable } from 'tsyringe';
import { TicketNotFoundError, TicketService } from '../../tickets';
import { SchedulingInputError } from '../scheduling-input-error';

/** The ticket a visit is booked for, checked through the tickets module's public service. */
@injectable()
export class TicketLink {
  constructor(private readonly tickets: TicketService) {}

  /**
   * The client to book for: the ticket's, which `clientId` (when given) must match. Refuses a
   * ticket that does not exist for the tenant, was merged away or is closed (reopen it first).
   */
  async check(ticketId: string, clientId?: string): Promise<{ clientId: string }> {
    const ticket = await this.tickets.get(ticketId).catch((err) => {
      throw err instanceof TicketNotFoundError ? new SchedulingInputError('ticketId', 'names no ticket of this tenant') : err;
    });
    if (ticket.mergedIntoTicketId) throw new SchedulingInputError('ticketId', `names ticket ${ticket.ticketNumber}, which was merged into ${ticket.mergedIntoTicketId}`);
    if (ticket.isClosed) throw new SchedulingInputError('ticketId', `names ticket ${ticket.ticketNumber}, which is closed: reopen it before booking a visit`);
    if (clientId && clientId !== ticket.clientId) throw new SchedulingInputError('clientId', `differs from the client of ticket ${ticket.ticketNumber}`);
    return { clientId: ticket.clientId };
  }
}
