import 'reflect-metadata';
import { AppointmentClientPolicy, schedulingModule } from '../scheduling';
import { TicketClientPolicy, ticketsModule } from '../tickets';
import { ClientLifecycleService } from './clients/client-lifecycle-service';
import { ArchivedClientsGetNoAppointments, ArchivedClientsGetNoTickets } from './clients/client-policies';
import { ClientRepository } from './clients/client-repository';
import { ClientService } from './clients/client-service';
import { clientsMigration } from './clients/client.migration';
import { ContactRepository } from './contacts/contact-repository';
import { ContactService } from './contacts/contact-service';
import { ContactLifecycleService } from './contacts/contact-lifecycle-service';
import { contactsMigration } from './contacts/contact.migration';
import { InteractionService } from './interactions/interaction-service';
import { interactionsMigration } from './interactions/interaction.migration';
import { NoteService } from './notes/note-service';
import { notesMigration } from './notes/note.migration';
import { TagDefinitionService } from './tags/tag-definition-service';
import { TagService } from './tags/tag-service';
import { tagsMigration } from './tags/tag.migration';
import { ClientMergeService } from './merges/client-merge-service';
import { ContactMergeService } from './merges/contact-merge-service';
import { crmDemo } from './demo';
import { crm } from './module';

/** The CRM module's public surface: other modules and applications import only this file. */
export * from './clients/client.events';
export * from './contacts/contact.events';
export * from './interactions/interaction.events';
export * from './notes/note.events';
export * from './tags/tag.events';
export * from './merges/merge.events';
export * from './clients/client';
export * from './contacts/contact';
export * from './interactions/interaction';
export * from './notes/note';
export * from './tags/tag';
export * from './merges/merge';
export * from './clients/client-errors';
export * from './contacts/contact-errors';
export * from './interactions/interaction-errors';
export * from './notes/note-errors';
export * from './tags/tag-errors';
export { ClientService } from './clients/client-service';
export { ClientLifecycleService } from './clients/client-lifecycle-service';
export { ArchivedClientsGetNoTickets, ArchivedClientsGetNoAppointments } from './clients/client-policies';
export { ContactService } from './contacts/contact-service';
export { ContactLifecycleService } from './contacts/contact-lifecycle-service';
export { InteractionService } from './interactions/interaction-service';
export { NoteService } from './notes/note-service';
export { TagDefinitionService } from './tags/tag-definition-service';
export { TagService } from './tags/tag-service';
export { ClientMergeService } from './merges/client-merge-service';
export { ContactMergeService } from './merges/contact-merge-service';

export const crmModule = crm.define({
  // Merges move a client's open tickets through the tickets module's public service; scheduling
  // and tickets declare the client-policy ports CRM provides (an archived client gets no new work).
  dependsOn: [ticketsModule, schedulingModule],
  services: [ClientRepository, ContactRepository, ClientService, ClientLifecycleService, ContactService, ContactLifecycleService, InteractionService, NoteService, TagDefinitionService, TagService, ClientMergeService, ContactMergeService],
  provides: [
    { token: TicketClientPolicy, useClass: ArchivedClientsGetNoTickets },
    { token: AppointmentClientPolicy, useClass: ArchivedClientsGetNoAppointments },
  ],
  migrations: [clientsMigration, contactsMigration, interactionsMigration, notesMigration, tagsMigration],
  demo: crmDemo,
  tables: ['crm_clients', 'crm_contacts', 'crm_interactions', 'crm_notes', 'crm_tags', 'crm_entity_tags'],
});
