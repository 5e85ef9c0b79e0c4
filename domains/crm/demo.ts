import { DemoStory } from '../../lib/kit';
import { TicketService, TicketSetupService } from '../tickets';
import { ClientLifecycleService } from './clients/client-lifecycle-service';
import { ClientService } from './clients/client-service';
import { ContactLifecycleService } from './contacts/contact-lifecycle-service';
import { ContactService } from './contacts/contact-service';
import { InteractionService } from './interactions/interaction-service';
import { ClientMergeService } from './merges/client-merge-service';
import { TagDefinitionService } from './tags/tag-definition-service';
import { TagService } from './tags/tag-service';

/**
 * A dental practice signs up: the client with two contacts, tagged, a kick-off call logged; then
 * the duplicate record a colleague had opened from a web form (with an open ticket) is merged in.
 */
export const crmDemo: DemoStory = {
  title: 'CRM: onboarding a client and merging its duplicate',
  async run(demo) {
    const clients = demo.resolve(ClientService);
    const lifecycle = demo.resolve(ClientLifecycleService);
    const contacts = demo.resolve(ContactService);
    const setup = demo.resolve(TicketSetupService);

    demo.say('Acme Dental signs a managed-services contract: the client is added, made active, and gets two contacts.');
    const acme = await clients.create({ name: 'Acme Dental', website: 'https://acme-dental.test' });
    await lifecycle.changeStatus(acme.id, 'active');
    const dana = await contacts.create({ clientId: acme.id, fullName: 'Dana Whitfield', email: 'dana@acme-dental.test', jobTitle: 'Office manager' });
    await contacts.create({ clientId: acme.id, fullName: 'Dr. Sam Okafor', email: 'sam@acme-dental.test' });
    await demo.resolve(ContactLifecycleService).setPrimary(dana.id);

    demo.say('The account is tagged "Managed services", and the kick-off call with Dana is logged.');
    const managed = await demo.resolve(TagDefinitionService).createDefinition({ name: 'Managed services' });
    await demo.resolve(TagService).apply(managed.id, { entityType: 'client', entityId: acme.id });
    await demo.resolve(InteractionService).log({
      contactId: dana.id,
      type: 'call',
      channel: 'phone',
      occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      subject: 'Onboarding kick-off',
      outcome: 'Agreed on a Friday maintenance window',
    });

    demo.say('A colleague had opened "ACME Dental Inc" from a web form, with a ticket still open. It is merged into Acme Dental.');
    const duplicate = await clients.create({ name: 'ACME Dental Inc', phoneNumber: '+1 555 0100' });
    const ticket = await demo.resolve(TicketService).create({
      title: 'Set up the new reception PC',
      clientId: duplicate.id,
      boardId: (await setup.createBoard({ name: 'Client Onboarding' })).id,
      priorityId: (await setup.createPriority({ name: 'Onboarding', order: 6 })).id,
      statusId: (await setup.createStatus({ name: 'Onboarding queue', order: 6 })).id,
    });
    const merged = await demo.resolve(ClientMergeService).merge(duplicate.id, acme.id);
    demo.say(`Ticket ${ticket.ticketNumber} now belongs to Acme Dental (${merged.movedTicketIds.length} open ticket moved); the duplicate is archived.`);
  },
};
