import { ticketsModule } from '../tickets';
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
export { ContactService } from './contacts/contact-service';

export const crmModule = crm.define({
  // Merges move a client's open tickets through the tickets module's public service.
  dependsOn: [ticketsModule],
  services: [ClientRepository, ContactRepository, ClientService, ContactService],
  migrations: [clientsMigration, contactsMigration],
  tables: ['crm_clients', 'crm_contacts'],
});
