import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { AppointmentClientPolicy } from '../../scheduling';
import { TicketClientPolicy } from '../../tickets';
import { looksLikeId } from '../shared/input-checks';
import { ClientArchivedError } from './client-errors';

/**
 * Whether a client may take new work. An archived client (by hand or merged away) may not:
 * ClientArchivedError, code CLIENT_ARCHIVED, field `clientId`. A client id the CRM does not know
 * passes: tickets and appointments accept opaque client ids from installations (and other modules'
 * demo stories) that keep clients elsewhere; checking existence is ClientService.assertActive.
 */
async function assertNotArchived(uow: UnitOfWork, clientId: string, action: string): Promise<void> {
  if (!looksLikeId(clientId)) return;
  const row = await uow
    .db('crm_clients')
    .where({ client_id: clientId.toLowerCase(), tenant: currentTenant(action) })
    .first('archived_at');
  if (row?.archived_at) throw new ClientArchivedError(clientId.toLowerCase(), action);
}

/** The CRM's rule for tickets (provided for the tickets module's TicketClientPolicy port). */
@injectable()
export class ArchivedClientsGetNoTickets extends TicketClientPolicy {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async assertCanOpenTicket(clientId: string): Promise<void> {
    await assertNotArchived(this.uow, clientId, 'open a ticket');
  }
}

/** The CRM's rule for appointments (provided for the scheduling module's AppointmentClientPolicy port). */
@injectable()
export class ArchivedClientsGetNoAppointments extends AppointmentClientPolicy {
  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async assertCanBook(clientId: string): Promise<void> {
    await assertNotArchived(this.uow, clientId, 'book an appointment');
  }
}
