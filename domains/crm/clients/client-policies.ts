import { injectable } from 'tsyringe';
import { AppointmentClientPolicy } from '../../scheduling';
import { TicketClientPolicy } from '../../tickets';
import { ClientService } from './client-service';

/**
 * Whether a client may take new work: an archived client (by hand or merged away) may not
 * (ClientArchivedError, code CLIENT_ARCHIVED, field `clientId`). A client id the CRM does not know
 * passes: tickets and appointments accept opaque client ids from installations (and other modules'
 * demo stories) that keep clients elsewhere; checking existence is ClientService.assertActive.
 */

/** The CRM's rule for tickets (provided for the tickets module's TicketClientPolicy port). */
@injectable()
export class ArchivedClientsGetNoTickets extends TicketClientPolicy {
  constructor(private readonly clients: ClientService) {
    super();
  }

  async assertCanOpenTicket(clientId: string): Promise<void> {
    await this.clients.assertNotArchived(clientId, 'open a ticket');
  }
}

/** The CRM's rule for appointments (provided for the scheduling module's AppointmentClientPolicy port). */
@injectable()
export class ArchivedClientsGetNoAppointments extends AppointmentClientPolicy {
  constructor(private readonly clients: ClientService) {
    super();
  }

  async assertCanBook(clientId: string): Promise<void> {
    await this.clients.assertNotArchived(clientId, 'book an appointment');
  }
}
