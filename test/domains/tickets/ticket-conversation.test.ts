import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { MessageAuthorNotAllowedError, TicketStateError } from '../../../domains/tickets';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { freshHelpDeskPerTest, ISO_DATE_TIME } from './help-desk';

forEachDatabase('tickets: messages, notes and time', (target) => {
  const desk = freshHelpDeskPerTest(target);

  it('a client reply emits TICKET_MESSAGE_ADDED, TICKET_CUSTOMER_REPLIED and hands the ticket to staff', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    const { message } = await desk.asContact(() =>
      desk.messages.addMessage(ticket.id, { content: 'Still broken after the reboot', channel: 'email', attachmentsCount: 2 }),
    );
    expect(kit.events).to.have.emitted('TICKET_MESSAGE_ADDED').withPayload({
      ticketId: ticket.id,
      messageId: message.id,
      visibility: 'public',
      authorId: desk.contactId,
      authorType: 'contact',
      channel: 'email',
      createdAt: message.createdAt.toISOString(),
      attachmentsCount: 2,
      actorContactId: desk.contactId,
      actorType: 'CONTACT',
    });
    expect(kit.events).to.have.emitted('TICKET_CUSTOMER_REPLIED').withPayload({
      ticketId: ticket.id,
      messageId: message.id,
      contactId: desk.contactId,
      channel: 'email',
      receivedAt: message.createdAt.toISOString(),
      attachmentsCount: 2,
    });
    expect(kit.events).to.have.emitted('TICKET_RESPONSE_STATE_CHANGED').withPayload({ ticketId: ticket.id, newResponseState: 'awaiting_internal' });
    expect(kit.events.payloads('TICKET_RESPONSE_STATE_CHANGED')[0]).not.to.have.property('previousResponseState');
    expect(kit.events).not.to.have.emitted('TICKET_INTERNAL_NOTE_ADDED');
    expect((await desk.run(() => desk.tickets.get(ticket.id))).responseState).to.equal('awaiting_internal');
  });

  it('a public staff reply flips the ticket to awaiting_client; a second one changes nothing more', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'Any news?' }));
    kit.events.clear();
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Resetting your profile now' }));
    expect(kit.events).to.have.emitted('TICKET_RESPONSE_STATE_CHANGED').withPayload({
      ticketId: ticket.id,
      previousResponseState: 'awaiting_internal',
      newResponseState: 'awaiting_client',
      actorUserId: kit.actorUserId,
    });
    expect(kit.events).to.have.emitted('TICKET_MESSAGE_ADDED').withPayload({ authorId: kit.actorUserId, authorType: 'user', channel: 'ui' });
    expect(kit.events).not.to.have.emitted('TICKET_CUSTOMER_REPLIED');
    kit.events.clear();
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Done, please try again' }));
    expect(kit.events.types()).to.deep.equal(['TICKET_MESSAGE_ADDED', 'TICKET_COMMENT_ADDED']);
  });

  it('two client replies arriving at once flip the response state once', async () => {
    const ticket = await desk.opened();
    const reply = (content: string) => desk.asContact(() => desk.messages.addMessage(ticket.id, { content, channel: 'email' }));
    await Promise.all([reply('Still broken'), reply('Also, the printer')]);
    expect(desk.kit.events).to.have.emitted('TICKET_CUSTOMER_REPLIED').times(2);
    expect(desk.kit.events).to.have.emitted('TICKET_RESPONSE_STATE_CHANGED').times(1);
  });

  it('an internal note emits TICKET_INTERNAL_NOTE_ADDED and leaves the response state alone', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'Help' }));
    kit.events.clear();
    const { message } = await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Probably the cached credentials', visibility: 'internal' }));
    expect(kit.events).to.have.emitted('TICKET_INTERNAL_NOTE_ADDED').withPayload({
      ticketId: ticket.id,
      noteId: message.id,
      actorUserId: kit.actorUserId,
      createdAt: ISO_DATE_TIME,
    });
    expect(kit.events).to.have.emitted('TICKET_MESSAGE_ADDED').withPayload({ messageId: message.id, visibility: 'internal' });
    expect(kit.events).not.to.have.emitted('TICKET_RESPONSE_STATE_CHANGED');
    expect((await desk.run(() => desk.tickets.get(ticket.id))).responseState).to.equal('awaiting_internal');
  });

  it('a client contact cannot post an internal note', async () => {
    const ticket = await desk.opened();
    const err = await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'psst', visibility: 'internal' })).catch((e) => e);
    expect(err).to.be.instanceOf(TicketStateError);
    expect(desk.kit.events.all).to.be.empty;
    expect(await desk.kit.db('ticket_messages').where({ ticket_id: ticket.id })).to.be.empty;
  });

  it('a client contact cannot post as staff or as another contact: nothing is written, the SLA is untouched', async () => {
    const ticket = await desk.opened({ priorityId: desk.priorities.high.id });
    for (const author of [{ id: desk.technicianId, type: 'user' as const }, { id: uuidv4(), type: 'contact' as const }]) {
      const err = await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'Fixed, closing', author })).catch((e) => e);
      expect(err).to.be.instanceOf(MessageAuthorNotAllowedError);
      expect(err).to.include({ code: 'MESSAGE_AUTHOR_NOT_ALLOWED' });
    }
    // Without actorType, a contact and no user is a contact too (as the events say).
    const implied = await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'x', author: { id: desk.technicianId, type: 'user' } }), { actorUserId: undefined, actorContactId: desk.contactId }).catch((e) => e);
    expect(implied).to.be.instanceOf(MessageAuthorNotAllowedError);
    expect(desk.kit.events.all).to.be.empty;
    expect(await desk.kit.db('ticket_messages').where({ ticket_id: ticket.id })).to.be.empty;
    const after = await desk.run(() => desk.tickets.get(ticket.id));
    expect(after.responseState).to.equal(undefined);
    expect(after.sla.map((s) => s.state)).to.deep.equal(['active', 'active']);
  });

  it('a contact may name itself; a SYSTEM caller (email ingestion) may name the author', async () => {
    const ticket = await desk.opened();
    const contact = { id: desk.contactId, type: 'contact' as const };
    const own = await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'Me again', author: contact }));
    expect(own.message).to.include({ authorId: desk.contactId, authorType: 'contact' });
    const system = { actorUserId: undefined, actorType: 'SYSTEM' as const };
    const ingested = await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Via email', channel: 'email', author: contact }), system);
    expect(ingested.message).to.include({ authorId: desk.contactId, authorType: 'contact', channel: 'email' });
  });

  it('every message also emits the legacy TICKET_COMMENT_ADDED in its own shape', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    const { message: reply } = await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'It works now, thanks' }));
    const { message: note } = await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Closing tomorrow', visibility: 'internal' }));
    expect(kit.events).to.have.emitted('TICKET_COMMENT_ADDED').withPayload({
      ticketId: ticket.id,
      userId: desk.contactId,
      comment: { id: reply.id, content: 'It works now, thanks', author: desk.contactId, isInternal: false, authorType: 'client' },
    });
    expect(kit.events).to.have.emitted('TICKET_COMMENT_ADDED').withPayload({
      userId: kit.actorUserId,
      comment: { id: note.id, isInternal: true, authorType: 'internal' },
    });
    expect(kit.events).to.have.emittedInOrder(['TICKET_MESSAGE_ADDED', 'TICKET_COMMENT_ADDED', 'TICKET_CUSTOMER_REPLIED']);
  });

  it('editing a message emits the legacy TICKET_COMMENT_UPDATED with the old and new text', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    const { message } = await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Please reboot the PC' }));
    kit.events.clear();
    const { after } = await desk.run(() => desk.messages.editMessage(message.id, 'Please reboot the PC and the router'));
    expect(after.content).to.equal('Please reboot the PC and the router');
    expect(kit.events).to.have.emitted('TICKET_COMMENT_UPDATED').withPayload({
      ticketId: ticket.id,
      userId: kit.actorUserId,
      oldComment: { id: message.id, content: 'Please reboot the PC', author: kit.actorUserId, isInternal: false },
      newComment: { id: message.id, content: 'Please reboot the PC and the router' },
      comment: { id: message.id, content: 'Please reboot the PC and the router', authorType: 'internal' },
      changes: { content: { previous: 'Please reboot the PC', new: 'Please reboot the PC and the router' } },
    });
    expect(kit.events.types()).to.deep.equal(['TICKET_COMMENT_UPDATED']);
    kit.events.clear();
    await desk.run(() => desk.messages.editMessage(message.id, 'Please reboot the PC and the router'));
    expect(kit.events.all).to.be.empty;
  });

  it('logging time emits TICKET_TIME_ENTRY_ADDED and stores the entry', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    const entry = await desk.run(() => desk.time.logTime(ticket.id, { minutes: 45, billable: false, notes: 'Remote session' }));
    expect(kit.events).to.have.emitted('TICKET_TIME_ENTRY_ADDED').withPayload({
      ticketId: ticket.id,
      timeEntryId: entry.id,
      actorUserId: kit.actorUserId,
      minutes: 45,
      billable: false,
      createdAt: entry.createdAt.toISOString(),
    });
    const row = await kit.db('ticket_time_entries').where({ time_entry_id: entry.id }).first();
    expect(row).to.include({ ticket_id: ticket.id, user_id: kit.actorUserId, minutes: 45 });
  });

  it('a contact cannot log time', async () => {
    const ticket = await desk.opened();
    const err = await desk.asContact(() => desk.time.logTime(ticket.id, { minutes: 10 })).catch((e) => e);
    expect(err).to.be.instanceOf(StaffActorRequiredError);
    expect(desk.kit.events.all).to.be.empty;
  });
});
