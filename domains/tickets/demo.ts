import { v4 as uuidv4 } from 'uuid';
import { DemoStory } from '../../lib/kit';
import { MessageService } from './conversation/message-service';
import { TicketService } from './lifecycle/ticket-service';
import { TicketSetupService } from './setup/ticket-setup-service';
import { TimeEntryService } from './time/time-entry-service';

/** A help-desk morning: a ticket opened, the client writes, a technician answers, logs time, resolves it. */
export const ticketsDemo: DemoStory = {
  title: 'Help desk: a morning with one urgent ticket',
  async run(demo) {
    const setup = demo.resolve(TicketSetupService);
    await setup.createStatus({ name: 'New', isDefault: true, order: 1 });
    const resolved = await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true, order: 2 });
    const high = await setup.createPriority({ name: 'High', order: 1 });
    await setup.createSlaPolicy({ name: 'High priority', priorityId: high.id, responseMinutes: 60, resolutionMinutes: 240 });
    const desk = await setup.createBoard({ name: 'Service Desk', tier: 1 });
    const contactId = uuidv4();

    demo.say('A client reports that email is down; the ticket is assigned to the on-call technician.');
    const ticket = await demo.resolve(TicketService).create({
      title: 'Email down for the whole office',
      clientId: uuidv4(),
      contactId,
      boardId: desk.id,
      priorityId: high.id,
      assignee: { id: demo.actorUserId, type: 'user' },
    });
    demo.say('The client writes again by email.');
    await demo.as({ actorUserId: undefined, actorContactId: contactId, actorType: 'CONTACT' }, () =>
      demo.resolve(MessageService).addMessage(ticket.id, { content: 'Still nothing since 8am, please hurry.', channel: 'email' }),
    );
    demo.say('The technician answers, logs 45 minutes and resolves the ticket.');
    await demo.resolve(MessageService).addMessage(ticket.id, { content: 'Mail relay restarted; can you check again?' });
    await demo.resolve(TimeEntryService).logTime(ticket.id, { minutes: 45 });
    await demo.resolve(TicketService).update(ticket.id, { statusId: resolved.id });
  },
};
