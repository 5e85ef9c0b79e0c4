import { expect } from 'chai';
import { TicketReferenceError } from '../../../domains/tickets';
import { EventPayloadInvalidError } from '../../../lib/schema/errors';
import { readDate } from '../../../lib/uow/database';
import { forEachDatabase } from '../../support/databases';
import { freshHelpDeskPerTest, ISO_DATE_TIME } from './help-desk';

forEachDatabase('tickets: create and update', (target) => {
  const desk = freshHelpDeskPerTest(target);

  it('create stores the ticket and emits TICKET_CREATED with its initial values', async () => {
    const { kit, boards, priorities, statuses, tags } = desk;
    const ticket = await desk.open({ tagIds: [tags.vip.id] });
    expect(ticket).to.include({ ticketNumber: 'T-000001', statusId: statuses.new.id, isClosed: false, escalationLevel: 0 });
    expect(kit.events).to.have.emitted('TICKET_CREATED').withPayload({
      ticketId: ticket.id,
      tenantId: kit.tenantId,
      createdByUserId: kit.actorUserId,
      actorUserId: kit.actorUserId,
      createdAt: ticket.createdAt.toISOString(),
      changes: {
        boardId: { previous: null, new: boards.serviceDesk.id },
        priorityId: { previous: null, new: priorities.low.id },
        statusId: { previous: null, new: statuses.new.id },
        tagIds: { previous: null, new: [tags.vip.id] },
      },
    }).times(1);
    const [payload] = kit.events.payloads('TICKET_CREATED');
    expect(payload.updatedFields).to.include.members(['title', 'clientId', 'contactId', 'boardId', 'statusId', 'priorityId', 'tagIds']);
    expect(payload.updatedFields).not.to.include('assignee.id');
  });

  it('update of a plain field emits TICKET_UPDATED with updatedFields and changes, and no transition event', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    const result = await desk.run(() => desk.tickets.update(ticket.id, { title: 'Outlook prompts for password after MFA change' }));
    expect(result.after.title).to.equal('Outlook prompts for password after MFA change');
    expect(kit.events).to.have.emitted('TICKET_UPDATED').withPayload({
      ticketId: ticket.id,
      updatedByUserId: kit.actorUserId,
      updatedFields: ['title'],
      changes: { title: { previous: 'Outlook keeps asking for a password', new: 'Outlook prompts for password after MFA change' } },
    });
    expect(kit.events.types()).to.deep.equal(['TICKET_UPDATED']);
  });

  it('a save that changes nothing emits nothing and writes nothing', async () => {
    const ticket = await desk.opened({ tagIds: [desk.tags.network.id] });
    const result = await desk.run(() =>
      desk.tickets.update(ticket.id, { title: ticket.title, statusId: ticket.statusId, tagIds: [desk.tags.network.id], assignee: null }),
    );
    expect(result.changes).to.deep.equal({});
    expect(desk.kit.events.all).to.be.empty;
    const row = await desk.kit.db('tickets').where({ ticket_id: ticket.id }).first();
    expect(readDate(row.updated_at)!.getTime()).to.equal(ticket.updatedAt.getTime());
  });

  it('a status change emits TICKET_STATUS_CHANGED with previous and new status', async () => {
    const { kit, statuses } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.update(ticket.id, { statusId: statuses.inProgress.id }, { reason: 'Technician on site' }));
    expect(kit.events).to.have.emitted('TICKET_STATUS_CHANGED').withPayload({
      ticketId: ticket.id,
      previousStatusId: statuses.new.id,
      newStatusId: statuses.inProgress.id,
      actorUserId: kit.actorUserId,
      changedAt: ISO_DATE_TIME,
      reason: 'Technician on site',
    });
    expect(kit.events).to.have.emittedInOrder(['TICKET_UPDATED', 'TICKET_STATUS_CHANGED']);
    expect(kit.events).not.to.have.emitted('TICKET_CLOSED');
  });

  it('moving to a closed status emits TICKET_CLOSED beside the status change', async () => {
    const { kit, statuses } = desk;
    const ticket = await desk.opened();
    const result = await desk.run(() =>
      desk.tickets.update(ticket.id, { statusId: statuses.resolved.id }, { reason: 'Password reset', suppressContactNotifications: true }),
    );
    expect(result.after).to.include({ isClosed: true, closedByUserId: kit.actorUserId });
    expect(kit.events).to.have.emitted('TICKET_CLOSED').withPayload({
      ticketId: ticket.id,
      closedByUserId: kit.actorUserId,
      closedAt: result.after.closedAt!.toISOString(),
      reason: 'Password reset',
      updatedFields: ['statusId'],
      changes: { statusId: { previous: statuses.new.id, new: statuses.resolved.id } },
      suppressContactNotifications: true,
    }).times(1);
    expect(kit.events).to.have.emittedInOrder(['TICKET_UPDATED', 'TICKET_STATUS_CHANGED', 'TICKET_CLOSED']);
    expect(kit.events).not.to.have.emitted('TICKET_REOPENED');
  });

  it('moving a closed ticket to an open status emits TICKET_REOPENED', async () => {
    const { kit, statuses } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.close(ticket.id));
    kit.events.clear();
    const result = await desk.run(() => desk.tickets.update(ticket.id, { statusId: statuses.inProgress.id }, { reason: 'Client says it is back' }));
    expect(result.after).to.include({ isClosed: false, closedAt: undefined });
    expect(kit.events).to.have.emitted('TICKET_REOPENED').withPayload({
      ticketId: ticket.id,
      previousStatusId: statuses.resolved.id,
      newStatusId: statuses.inProgress.id,
      actorUserId: kit.actorUserId,
      reopenedAt: ISO_DATE_TIME,
      reason: 'Client says it is back',
    });
    expect(kit.events).not.to.have.emitted('TICKET_CLOSED');
    // Closed → another closed status is a status change, neither a reopen nor a second close.
    await desk.run(() => desk.tickets.close(ticket.id));
    kit.events.clear();
    await desk.run(() => desk.tickets.update(ticket.id, { statusId: statuses.cancelled.id }));
    expect(kit.events.types()).to.deep.equal(['TICKET_UPDATED', 'TICKET_STATUS_CHANGED']);
  });

  it('a priority change emits TICKET_PRIORITY_CHANGED', async () => {
    const { kit, priorities } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.update(ticket.id, { priorityId: priorities.high.id }, { reason: 'CEO affected' }));
    expect(kit.events).to.have.emitted('TICKET_PRIORITY_CHANGED').withPayload({
      ticketId: ticket.id,
      previousPriorityId: priorities.low.id,
      newPriorityId: priorities.high.id,
      actorUserId: kit.actorUserId,
      changedAt: ISO_DATE_TIME,
      reason: 'CEO affected',
    });
  });

  it('one save with several transitions emits TICKET_UPDATED and each specific event, in declaration order', async () => {
    const { kit, statuses, priorities, boards, tags } = desk;
    const ticket = await desk.opened();
    await desk.run(() =>
      desk.tickets.update(ticket.id, {
        statusId: statuses.inProgress.id,
        priorityId: priorities.high.id,
        assignee: { id: desk.technicianId, type: 'user' },
        boardId: boards.projects.id,
        tagIds: [tags.vip.id],
      }),
    );
    expect(kit.events.types()).to.deep.equal([
      'TICKET_UPDATED',
      'TICKET_STATUS_CHANGED',
      'TICKET_PRIORITY_CHANGED',
      'TICKET_ASSIGNED',
      'TICKET_QUEUE_CHANGED',
      'TICKET_TAGS_CHANGED',
    ]);
    expect(kit.events).to.have.emitted('TICKET_UPDATED').withPayload({
      updatedFields: ['boardId', 'statusId', 'priorityId', 'assignee.id', 'assignee.type', 'tagIds'],
    });
  });

  it('a transition payload that fails its schema rolls the whole save back', async () => {
    const { kit, statuses } = desk;
    const ticket = await desk.opened();
    // A contact has no actorUserId, which TICKET_STATUS_CHANGED requires: the event is invalid.
    const err = await desk
      .asContact(() => desk.tickets.update(ticket.id, { title: 'Changed by the portal', statusId: statuses.inProgress.id }))
      .catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.message).to.match(/TICKET_STATUS_CHANGED/);
    expect(kit.events.all).to.be.empty;
    const after = await desk.run(() => desk.tickets.get(ticket.id));
    expect(after).to.include({ title: ticket.title, statusId: statuses.new.id });
    expect(await kit.db('event_outbox').where({ event_type: 'TICKET_UPDATED' })).to.be.empty;
  });

  it('a save referring to an unknown status is refused and changes nothing', async () => {
    const ticket = await desk.opened();
    const err = await desk.run(() => desk.tickets.update(ticket.id, { title: 'New title', statusId: desk.highSla.id })).catch((e) => e);
    expect(err).to.be.instanceOf(TicketReferenceError);
    expect(desk.kit.events.all).to.be.empty;
    expect((await desk.run(() => desk.tickets.get(ticket.id))).title).to.equal(ticket.title);
  });
});
