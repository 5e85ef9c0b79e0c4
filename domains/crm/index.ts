import { AppointmentClientPolicy, schedulingModule } from '../scheduling';
import { TicketClientPolicy, ticketsModule } from '../tickets';
import { ClientLifecycleService } from './clients/client-lifecycle-service';
import { ArchivedClientsGetNoAppointments, ArchivedClientsGetNoTickets } from './clients/client-policies';
import { ClientRepository } from './clients/client-repository';
import { ClientService } from './clients/client-service';
import { clientsMigration } from './clients/client.migration';
import { ContactRepository } from './contacts/contact-repository';
import { ContactService } from './contacts/contact-service';
import { contactsMigration } from './contacts/contact.migration';
import { crm } from './module';

/** The CRM module's public surface: other modules and applications import only this file. */
export * from './clients/client.events';
export * from './contacts/contact.events';
export * from './clients/client';
export * from './contacts/contact';
export * from './clients/client-errors';
export * from './contacts/contact-errors';
export { ClientService } from './clients/client-service';
export { ClientLifecycleService } from './clients/client-lifecycle-service';
export { ArchivedClientsGetNoTickets, ArchivedClientsGetNoAppointments } from './clients/client-policies';
export { ContactService } from './contacts/contact-service';

export const crmModule = crm.define({
  // Merges move a client's open tickets through the tickets module's public service; scheduling
  // and tickets declare the client-policy ports CRM provides (an archived client gets no new work).
  dependsOn: [ticketsModule, schedulingModule],
  services: [ClientRepository, ContactRepository, ClientService, ClientLifecycleService, ContactService],
  provides: [
    { token: TicketClientPolicy, useClass: ArchivedClientsGetNoTickets },
    { token: AppointmentClientPolicy, useClass: ArchivedClientsGetNoAppointments },
  ],
  migrations: [clientsMigration, contactsMigration],
  tables: ['crm_clients', 'crm_contacts'],
});
