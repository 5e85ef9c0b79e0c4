import { expect } from 'chai';
import sinon from 'sinon';
import { readDate } from '../../../lib/uow/database';
import { forEachDatabase } from '../../support/databases';
import { freshHelpDeskPerTest } from './help-desk';

const MINUTE = 60_000;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * MINUTE + seconds * 1000).toISOString();

forEachDatabase('tickets: SLA stages and the breach sweeper', (target) => {
  const desk = freshHelpDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;

  beforeEach(() => {
    // Only Date is faked, so the relay's and the bus's timers keep running.
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const openHigh = () => desk.open({ priorityId: desk.priorities.high.id });
  const sweep = () => desk.run(() => desk.sweeper.sweep());
  const breaches = () => desk.kit.events.payloads('TICKET_SLA_STAGE_BREACHED');

  it('a ticket under an SLA policy enters the response and resolution stages with their targets', async () => {
    const { kit, highSla } = desk;
    const ticket = await openHigh();
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_ENTERED').withPayload({
      ticketId: ticket.id,
      slaPolicyId: highSla.id,
      stage: 'response',
      enteredAt: at(0),
      targetAt: at(60),
    });
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_ENTERED').withPayload({ stage: 'resolution', targetAt: at(240) });
    expect(kit.events).to.have.emittedInOrder(['TICKET_CREATED', 'TICKET_SLA_STAGE_ENTERED', 'TICKET_SLA_STAGE_ENTERED']);
    kit.events.clear();
    await desk.open({ priorityId: desk.priorities.low.id });
    expect(kit.events.types()).to.deep.equal(['TICKET_CREATED']);
  });

  it('the first public staff reply before the target meets the response stage, once', async () => {
    const { kit, highSla } = desk;
    const ticket = await openHigh();
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Looking into it', visibility: 'internal' }));
    await desk.asContact(() => desk.messages.addMessage(ticket.id, { content: 'Hello?' }));
    expect(kit.events).not.to.have.emitted('TICKET_SLA_STAGE_MET');
    clock!.tick(20 * MINUTE);
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'We are on it' }));
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Fixed?' }));
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_MET').withPayload({
      ticketId: ticket.id,
      slaPolicyId: highSla.id,
      stage: 'response',
      metAt: at(20),
      targetAt: at(60),
    }).times(1);
  });

  it('closing before the target meets the resolution stage (and an unanswered response stage)', async () => {
    const { kit } = desk;
    const ticket = await openHigh();
    clock!.tick(30 * MINUTE);
    await desk.run(() => desk.tickets.close(ticket.id, { reason: 'Fixed on the phone' }));
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_MET').withPayload({ ticketId: ticket.id, stage: 'resolution', metAt: at(30), targetAt: at(240) });
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_MET').withPayload({ stage: 'response', metAt: at(30) });
    expect(kit.events).to.have.emittedInOrder(['TICKET_CLOSED', 'TICKET_SLA_STAGE_MET']);
    clock!.tick(10 * 60 * MINUTE);
    await sweep();
    expect(breaches()).to.be.empty;
  });

  it('the sweeper breaches a stage once its target passes, with the seconds overdue (fake clock)', async () => {
    const { kit, highSla } = desk;
    const ticket = await openHigh();
    clock!.tick(59 * MINUTE);
    await sweep();
    expect(breaches()).to.be.empty;

    clock!.tick(2 * MINUTE); // 09:61 — one minute past the response target
    await sweep();
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_BREACHED').withPayload({
      tenantId: kit.tenantId,
      ticketId: ticket.id,
      slaPolicyId: highSla.id,
      stage: 'response',
      targetAt: at(60),
      breachedAt: at(61),
      overdueBySeconds: 60,
      actorType: 'SYSTEM',
    }).times(1);
    expect(breaches()[0]).not.to.have.property('actorUserId');

    // A reply after the target is late: it meets nothing.
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Sorry for the wait' }));
    expect(kit.events).not.to.have.emitted('TICKET_SLA_STAGE_MET');

    clock!.tick(179 * MINUTE + 30_000); // 13:00:30
    await sweep();
    expect(kit.events).to.have.emitted('TICKET_SLA_STAGE_BREACHED').withPayload({ stage: 'resolution', breachedAt: at(240, 30), overdueBySeconds: 30 }).times(1);
    expect(breaches()).to.have.length(2);
  });

  it('a late completion the sweeper has not seen yet is still breached, once', async () => {
    const ticket = await openHigh();
    clock!.tick(90 * MINUTE);
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Late reply' }));
    await sweep();
    await sweep();
    expect(breaches()).to.have.length(1);
    expect(breaches()[0]).to.include({ stage: 'response', overdueBySeconds: 30 * 60 });
  });

  it('a stage completed late is breached as of its completion, however late the sweeper runs', async () => {
    const ticket = await openHigh();
    clock!.tick(90 * MINUTE);
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Late reply' }));
    clock!.tick(60 * MINUTE); // the sweeper only runs at 11:30
    await sweep();
    expect(desk.kit.events).to.have.emitted('TICKET_SLA_STAGE_BREACHED').withPayload({
      ticketId: ticket.id,
      stage: 'response',
      targetAt: at(60),
      breachedAt: at(90),
      overdueBySeconds: 30 * 60,
    }).times(1);
    const row = await desk.kit.db('ticket_sla_stages').where({ ticket_id: ticket.id, stage: 'response' }).first();
    expect(readDate(row.breached_at)!.toISOString()).to.equal(at(90));
  });

  it('exactly at the target a stage is still on time: the sweeper does not breach it, a reply meets it', async () => {
    const ticket = await openHigh();
    clock!.tick(60 * MINUTE);
    await sweep();
    expect(breaches()).to.be.empty;
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'Right on time' }));
    expect(desk.kit.events).to.have.emitted('TICKET_SLA_STAGE_MET').withPayload({ ticketId: ticket.id, stage: 'response', metAt: at(60) }).times(1);
    clock!.tick(1);
    await sweep();
    expect(breaches()).to.be.empty;
  });

  it('by default the sweeper sweeps at the emission clock', async () => {
    await openHigh();
    await desk.run(() => desk.sweeper.sweep(), { clock: () => new Date(at(61)) });
    expect(breaches()).to.have.length(1);
    expect(breaches()[0]).to.include({ stage: 'response', breachedAt: at(61), occurredAt: at(61) });
  });

  it('never breaches a stage that was met', async () => {
    const ticket = await openHigh();
    await desk.run(() => desk.messages.addMessage(ticket.id, { content: 'On it' }));
    clock!.tick(24 * 60 * MINUTE);
    await sweep();
    expect(breaches().map((p) => p.stage)).to.deep.equal(['resolution']);
  });

  it('breaches exactly once per ticket and stage, however often and concurrently the sweeper runs', async () => {
    const first = await openHigh();
    const second = await openHigh();
    const later = new Date(T0.getTime() + 5 * 60 * MINUTE);
    await desk.run(() => desk.sweeper.sweep(later));
    await desk.run(() => desk.sweeper.sweep(later));
    await Promise.all([desk.run(() => desk.sweeper.sweep(later)), desk.run(() => desk.sweeper.sweep(later))]);
    expect(breaches()).to.have.length(4);
    for (const ticket of [first, second]) {
      for (const stage of ['response', 'resolution']) expect(desk.kit.events).to.have.emitted('TICKET_SLA_STAGE_BREACHED').withPayload({ ticketId: ticket.id, stage }).times(1);
    }
  });

  it('two concurrent first runs still breach each stage once', async () => {
    // Opened concurrently too: ticket numbers must not collide.
    const tickets = await Promise.all([openHigh(), openHigh(), openHigh()]);
    const later = new Date(T0.getTime() + 5 * 60 * MINUTE);
    const results = await Promise.all([desk.run(() => desk.sweeper.sweep(later)), desk.run(() => desk.sweeper.sweep(later))]);
    expect(results[0].length + results[1].length).to.equal(6);
    expect(breaches()).to.have.length(6);
    const rows = await desk.kit.db('ticket_sla_stages').whereIn('ticket_id', tickets.map((t) => t.id));
    expect(rows.every((r: any) => r.state === 'breached')).to.equal(true);
    expect(new Set(tickets.map((t) => t.ticketNumber)).size).to.equal(3);
  });
});
