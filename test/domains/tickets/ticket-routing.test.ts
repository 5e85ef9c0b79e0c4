import { expect } from 'chai';
import { forEachDatabase } from '../../support/databases';
import { freshHelpDeskPerTest, ISO_DATE_TIME } from './help-desk';

forEachDatabase('tickets: assignment, boards, escalation and tags', (target) => {
  const desk = freshHelpDeskPerTest(target);

  it('assigning an unowned ticket emits TICKET_ASSIGNED without a previous assignee', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.update(ticket.id, { assignee: { id: desk.technicianId, type: 'user' } }));
    expect(kit.events).to.have.emitted('TICKET_ASSIGNED').withPayload({
      ticketId: ticket.id,
      newAssigneeId: desk.technicianId,
      newAssigneeType: 'user',
      actorUserId: kit.actorUserId,
      assignedAt: ISO_DATE_TIME,
    });
    expect(kit.events.payloads('TICKET_ASSIGNED')[0]).not.to.have.any.keys('previousAssigneeId', 'previousAssigneeType');
  });

  it('opening a ticket with an owner emits TICKET_ASSIGNED right after TICKET_CREATED', async () => {
    const { kit } = desk;
    const ticket = await desk.open({ assignee: { id: desk.teamId, type: 'team' } });
    expect(kit.events).to.have.emitted('TICKET_ASSIGNED').withPayload({
      ticketId: ticket.id,
      newAssigneeId: desk.teamId,
      newAssigneeType: 'team',
      actorUserId: kit.actorUserId,
      assignedAt: ticket.createdAt.toISOString(),
    }).times(1);
    expect(kit.events.types()).to.deep.equal(['TICKET_CREATED', 'TICKET_ASSIGNED']);
  });

  it('reassigning to a team emits TICKET_ASSIGNED naming the previous owner, and no TICKET_UNASSIGNED', async () => {
    const { kit } = desk;
    const ticket = await desk.opened({ assignee: { id: desk.technicianId, type: 'user' } });
    await desk.run(() => desk.tickets.update(ticket.id, { assignee: { id: desk.teamId, type: 'team' } }));
    expect(kit.events).to.have.emitted('TICKET_ASSIGNED').withPayload({
      previousAssigneeId: desk.technicianId,
      previousAssigneeType: 'user',
      newAssigneeId: desk.teamId,
      newAssigneeType: 'team',
    });
    expect(kit.events).not.to.have.emitted('TICKET_UNASSIGNED');
  });

  it('clearing the assignee emits TICKET_UNASSIGNED', async () => {
    const { kit } = desk;
    const ticket = await desk.opened({ assignee: { id: desk.teamId, type: 'team' } });
    const result = await desk.run(() => desk.tickets.update(ticket.id, { assignee: null }, { reason: 'Team is off today' }));
    expect(result.after.assignee).to.equal(undefined);
    expect(kit.events).to.have.emitted('TICKET_UNASSIGNED').withPayload({
      ticketId: ticket.id,
      previousAssigneeId: desk.teamId,
      previousAssigneeType: 'team',
      actorUserId: kit.actorUserId,
      unassignedAt: ISO_DATE_TIME,
      reason: 'Team is off today',
    });
    expect(kit.events).to.have.emitted('TICKET_UPDATED').withPayload({
      changes: { 'assignee.id': { previous: desk.teamId, new: null }, 'assignee.type': { previous: 'team', new: null } },
    });
    expect(kit.events).not.to.have.emitted('TICKET_ASSIGNED');
  });

  it('moving to another board of the same tier emits TICKET_QUEUE_CHANGED but not TICKET_ESCALATED', async () => {
    const { kit, boards } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.update(ticket.id, { boardId: boards.projects.id }));
    expect(kit.events).to.have.emitted('TICKET_QUEUE_CHANGED').withPayload({
      ticketId: ticket.id,
      previousBoardId: boards.serviceDesk.id,
      newBoardId: boards.projects.id,
      actorUserId: kit.actorUserId,
      changedAt: ISO_DATE_TIME,
    });
    expect(kit.events).not.to.have.emitted('TICKET_ESCALATED');
  });

  it('moving to a higher-tier board emits TICKET_QUEUE_CHANGED and TICKET_ESCALATED; moving back down does not escalate', async () => {
    const { kit, boards } = desk;
    const ticket = await desk.opened();
    await desk.run(() => desk.tickets.update(ticket.id, { boardId: boards.escalations.id }, { reason: 'Needs a network engineer' }));
    expect(kit.events).to.have.emitted('TICKET_ESCALATED').withPayload({
      ticketId: ticket.id,
      fromQueueId: boards.serviceDesk.id,
      toQueueId: boards.escalations.id,
      actorUserId: kit.actorUserId,
      escalatedAt: ISO_DATE_TIME,
      reason: 'Needs a network engineer',
    });
    expect(kit.events).to.have.emittedInOrder(['TICKET_QUEUE_CHANGED', 'TICKET_ESCALATED']);
    kit.events.clear();
    await desk.run(() => desk.tickets.update(ticket.id, { boardId: boards.serviceDesk.id }));
    expect(kit.events.types()).to.deep.equal(['TICKET_UPDATED', 'TICKET_QUEUE_CHANGED']);
  });

  it('escalate() raises the escalation level on the same board and emits TICKET_ESCALATED', async () => {
    const { kit, boards } = desk;
    const ticket = await desk.opened();
    const result = await desk.run(() => desk.tickets.escalate(ticket.id, { reason: 'Client VIP' }));
    expect(result.after.escalationLevel).to.equal(1);
    expect(kit.events).to.have.emitted('TICKET_ESCALATED').withPayload({ fromQueueId: boards.serviceDesk.id, toQueueId: boards.serviceDesk.id, reason: 'Client VIP' }).times(1);
    expect(kit.events).to.have.emitted('TICKET_UPDATED').withPayload({ updatedFields: ['escalationLevel'], changes: { escalationLevel: { previous: 0, new: 1 } } });
    kit.events.clear();
    await desk.run(() => desk.tickets.update(ticket.id, { escalationLevel: 0 }));
    expect(kit.events).not.to.have.emitted('TICKET_ESCALATED');
  });

  it('two concurrent escalations both count: level 2 and two TICKET_ESCALATED', async () => {
    const { kit } = desk;
    const ticket = await desk.opened();
    await Promise.all([1, 2].map(() => desk.run(() => desk.tickets.escalate(ticket.id))));
    expect((await desk.run(() => desk.tickets.get(ticket.id))).escalationLevel).to.equal(2);
    expect(kit.events).to.have.emitted('TICKET_ESCALATED').withPayload({ ticketId: ticket.id }).times(2);
    const levels = kit.events.payloads<{ changes: any }>('TICKET_UPDATED').map((p) => p.changes.escalationLevel);
    expect(levels).to.have.deep.members([{ previous: 0, new: 1 }, { previous: 1, new: 2 }]);
  });

  it('changing the tag set emits TICKET_TAGS_CHANGED with only the difference', async () => {
    const { kit, tags } = desk;
    const ticket = await desk.opened({ tagIds: [tags.vip.id] });
    const result = await desk.run(() => desk.tickets.update(ticket.id, { tagIds: [tags.network.id] }));
    expect(result.after.tagIds).to.deep.equal([tags.network.id]);
    expect(kit.events).to.have.emitted('TICKET_TAGS_CHANGED').withPayload({
      ticketId: ticket.id,
      addedTagIds: [tags.network.id],
      removedTagIds: [tags.vip.id],
      actorUserId: kit.actorUserId,
      changedAt: ISO_DATE_TIME,
    });
    kit.events.clear();
    await desk.run(() => desk.tickets.update(ticket.id, { tagIds: [tags.network.id, tags.vip.id] }));
    const [added] = kit.events.payloads('TICKET_TAGS_CHANGED');
    expect(added).to.include({ ticketId: ticket.id }).and.not.to.have.property('removedTagIds');
    expect(added.addedTagIds).to.deep.equal([tags.vip.id]);
  });
});
