import { expect } from 'chai';
import { TicketReferenceError, TicketStateError } from '../../../domains/tickets';
import { forEachDatabase } from '../../support/databases';
import { freshHelpDeskPerTest, ISO_DATE_TIME } from './help-desk';

forEachDatabase('tickets: merge and split', (target) => {
  const desk = freshHelpDeskPerTest(target);

  const post = (ticketId: string, content: string) => desk.asContact(() => desk.messages.addMessage(ticketId, { content })).then((r) => r.message);

  it('merge closes the source, moves its messages to the target and emits TICKET_MERGED', async () => {
    const { kit, statuses } = desk;
    const target = await desk.open({ title: 'Printer offline' });
    const source = await desk.open({ title: 'Printer offline (duplicate)' });
    const moved = await post(source.id, 'Printer on floor 2 is offline');
    kit.events.clear();

    const result = await desk.run(() => desk.mergeSplit.merge(source.id, target.id, { reason: 'Same incident' }));
    expect(result.source).to.include({ isClosed: true, statusId: statuses.resolved.id, mergedIntoTicketId: target.id });
    expect(result.movedMessageIds).to.deep.equal([moved.id]);
    expect((await kit.db('ticket_messages').where({ message_id: moved.id }).first()).ticket_id).to.equal(target.id);
    expect(kit.events).to.have.emitted('TICKET_MERGED').withPayload({
      sourceTicketId: source.id,
      targetTicketId: target.id,
      actorUserId: kit.actorUserId,
      mergedAt: ISO_DATE_TIME,
      reason: 'Same incident',
    }).times(1);
    expect(kit.events).to.have.emitted('TICKET_CLOSED').withPayload({ ticketId: source.id, reason: 'Same incident' });
    expect(kit.events).to.have.emittedInOrder(['TICKET_STATUS_CHANGED', 'TICKET_CLOSED', 'TICKET_MERGED']);
  });

  it('a merged ticket takes no more messages, and nothing merges into itself', async () => {
    const target = await desk.open();
    const source = await desk.open();
    await desk.run(() => desk.mergeSplit.merge(source.id, target.id));
    expect(desk.kit.events).to.have.emitted('TICKET_CLOSED').withPayload({ ticketId: source.id, reason: 'Merged into T-000001' });
    desk.kit.events.clear();
    expect(await post(source.id, 'hello?').catch((e) => e)).to.be.instanceOf(TicketStateError);
    expect(await desk.run(() => desk.mergeSplit.merge(target.id, target.id)).catch((e) => e)).to.be.instanceOf(TicketStateError);
    expect(desk.kit.events.all).to.be.empty;
  });

  it('split moves the chosen messages to new tickets, each emitting TICKET_CREATED, then TICKET_SPLIT', async () => {
    const { kit } = desk;
    const original = await desk.open({ title: 'Several problems', priorityId: desk.priorities.high.id });
    const printer = await post(original.id, 'Also the printer is jammed');
    const vpn = await post(original.id, 'And the VPN drops every hour');
    const stays = await post(original.id, 'Outlook still asks for a password');
    kit.events.clear();

    const result = await desk.run(() =>
      desk.mergeSplit.split(
        original.id,
        [
          { title: 'Printer jammed', messageIds: [printer.id] },
          { title: 'VPN drops hourly', messageIds: [vpn.id] },
        ],
        { reason: 'One issue per ticket' },
      ),
    );
    const ids = result.created.map((t) => t.id);
    expect(result.created.map((t) => t.title)).to.deep.equal(['Printer jammed', 'VPN drops hourly']);
    expect(result.created[0]).to.include({ clientId: original.clientId, priorityId: original.priorityId, splitFromTicketId: original.id });
    expect(kit.events).to.have.emitted('TICKET_SPLIT').withPayload({
      originalTicketId: original.id,
      newTicketIds: ids,
      actorUserId: kit.actorUserId,
      splitAt: ISO_DATE_TIME,
      reason: 'One issue per ticket',
    });
    for (const id of ids) expect(kit.events).to.have.emitted('TICKET_CREATED').withPayload({ ticketId: id }).times(1);
    // The new tickets run under the same SLA policy, so their clocks start too.
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_ENTERED').times(4);
    expect(kit.events.types().at(-1)).to.equal('TICKET_SPLIT');
    const owners = await kit.db('ticket_messages').whereIn('message_id', [printer.id, vpn.id, stays.id]).select('message_id', 'ticket_id');
    expect(Object.fromEntries(owners.map((r: any) => [r.message_id, r.ticket_id]))).to.deep.equal({
      [printer.id]: ids[0],
      [vpn.id]: ids[1],
      [stays.id]: original.id,
    });
  });

  it('a split naming a message of another ticket is refused and creates nothing', async () => {
    const original = await desk.open();
    const other = await desk.open();
    const foreign = await post(other.id, 'not yours');
    desk.kit.events.clear();
    const err = await desk.run(() => desk.mergeSplit.split(original.id, [{ title: 'x', messageIds: [foreign.id] }])).catch((e) => e);
    expect(err).to.be.instanceOf(TicketReferenceError);
    expect(desk.kit.events.all).to.be.empty;
    expect(await desk.kit.db('tickets').count({ n: '*' }).first()).to.satisfy((r: any) => Number(r.n) === 2);
  });
});
