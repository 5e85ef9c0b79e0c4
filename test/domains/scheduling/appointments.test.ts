import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { AppointmentNotFoundError, AppointmentStateError, NonexistentLocalTimeError, SchedulingInputError } from '../../../domains/scheduling';
import { readDate } from '../../../lib/uow/database';
import { forEachDatabase } from '../../support/databases';
import { freshFieldServicePerTest, refusal } from './field-service';

forEachDatabase('scheduling: appointments', (target) => {
  const fs = freshFieldServicePerTest(target);
  const appointmentRows = () => fs.kit.db('appointments');

  it('book stores the window in UTC with its zone and emits APPOINTMENT_CREATED, SCHEDULE_ENTRY_CREATED and APPOINTMENT_ASSIGNED', async () => {
    const { kit, alice } = fs;
    const ticket = await fs.openTicket();
    kit.events.clear();
    const { after: a } = await fs.book({ ticketId: ticket.id });
    expect(a).to.include({ status: 'scheduled', timezone: 'America/New_York', ticketId: ticket.id, clientId: fs.clientId, rescheduleCount: 0 });
    expect(a.startAt.toISOString()).to.equal('2026-03-09T13:00:00.000Z');
    const row = await appointmentRows().where({ appointment_id: a.id }).first();
    expect(readDate(row.start_at)!.toISOString()).to.equal('2026-03-09T13:00:00.000Z');
    expect(row.timezone).to.equal('America/New_York');

    expect(kit.events).to.have.emitted('APPOINTMENT_CREATED').withPayload({
      tenantId: kit.tenantId,
      appointmentId: a.id,
      ticketId: ticket.id,
      startAt: '2026-03-09T13:00:00.000Z',
      endAt: '2026-03-09T14:00:00.000Z',
      timezone: 'America/New_York',
      assigneeId: alice.id,
      assigneeType: 'user',
      createdByUserId: kit.actorUserId,
      createdAt: a.createdAt.toISOString(),
      location: '12 Main St, Springfield',
      actorUserId: kit.actorUserId,
    }).times(1);
    expect(kit.events).to.have.emitted('SCHEDULE_ENTRY_CREATED').withPayload({
      entryId: a.id,
      userId: kit.actorUserId,
      changes: {
        title: { previous: null, new: 'Replace UPS batteries' },
        startAt: { previous: null, new: '2026-03-09T13:00:00.000Z' },
        endAt: { previous: null, new: '2026-03-09T14:00:00.000Z' },
        timezone: { previous: null, new: 'America/New_York' },
        assigneeId: { previous: null, new: alice.id },
        assigneeType: { previous: null, new: 'user' },
        location: { previous: null, new: '12 Main St, Springfield' },
      },
    }).times(1);
    expect(kit.events).to.have.emitted('APPOINTMENT_ASSIGNED').withPayload({
      appointmentId: a.id,
      ticketId: ticket.id,
      newAssigneeId: alice.id,
      newAssigneeType: 'user',
      actorUserId: kit.actorUserId,
      assignedAt: a.createdAt.toISOString(),
    }).times(1);
    expect(kit.events.payloads('APPOINTMENT_ASSIGNED')[0]).not.to.have.property('previousAssigneeId');
    expect(kit.events.types()).to.deep.equal(['APPOINTMENT_CREATED', 'SCHEDULE_ENTRY_CREATED', 'APPOINTMENT_ASSIGNED']);
  });

  it('an unassigned booking without ticket or location leaves those fields out and emits no APPOINTMENT_ASSIGNED', async () => {
    const { after: a } = await fs.book({ assignee: undefined, location: undefined, title: 'Quarterly review call' });
    const [created] = fs.kit.events.payloads('APPOINTMENT_CREATED');
    expect(created).to.include({ appointmentId: a.id });
    for (const absent of ['ticketId', 'assigneeId', 'assigneeType', 'location']) expect(created).not.to.have.property(absent);
    expect(fs.kit.events.types()).to.deep.equal(['APPOINTMENT_CREATED', 'SCHEDULE_ENTRY_CREATED']);
  });

  it('bad input is refused naming the field: nothing written, nothing emitted', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: '  ' }, 'title'],
      [{ end: '2026-03-09T08:00' }, 'end'],
      [{ timezone: 'Eastern' }, 'timezone'],
      [{ start: '2026-03-08T02:30', end: '2026-03-08T04:00' }, 'start'],
      [{ assignee: { id: fs.alice.id, type: 'robot' } }, 'assignee.type'],
      [{ assignee: { id: 'alice', type: 'user' } }, 'assignee.id'],
      [{ ticketId: 'T-1' }, 'ticketId'],
      [{ clientId: 'acme' }, 'clientId'],
      [{ assignee: fs.team, teamId: uuidv4() }, 'teamId'],
    ];
    for (const [input, field] of cases) {
      const err = await refusal(fs.book(input as any));
      expect(err, field).to.be.instanceOf(SchedulingInputError);
      expect(err.field, JSON.stringify(input)).to.equal(field);
    }
    const gap = await refusal(fs.book({ start: '2026-03-08T02:30', end: '2026-03-08T04:00' }));
    expect(gap).to.be.instanceOf(NonexistentLocalTimeError);
    expect(gap.message).to.contain('2026-03-08T02:30 does not exist in America/New_York');
    expect(await appointmentRows()).to.be.empty;
    expect(fs.kit.events.all).to.be.empty;
  });

  it('a repeated local time books its earlier occurrence (fall back, America/New_York and Europe/Berlin)', async () => {
    const ny = (await fs.book({ start: '2026-11-01T01:30', end: '2026-11-01T03:00' })).after;
    expect(ny.startAt.toISOString()).to.equal('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
    expect(ny.endAt.toISOString()).to.equal('2026-11-01T08:00:00.000Z'); // 03:00 EST: a 2½-hour visit
    const berlin = (await fs.book({ start: '2026-10-25T02:30', end: '2026-10-25T03:30', timezone: 'Europe/Berlin', assignee: fs.bob })).after;
    expect(berlin.startAt.toISOString()).to.equal('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(fs.kit.events).to.have.emitted('APPOINTMENT_CREATED').withPayload({ appointmentId: berlin.id, startAt: '2026-10-25T00:30:00.000Z', endAt: '2026-10-25T02:30:00.000Z', timezone: 'Europe/Berlin' });
  });

  describe('the ticket a visit is for, checked through the tickets module', () => {
    it('an unknown ticket, another client than the ticket\'s or a closed ticket is refused', async () => {
      const ticket = await fs.openTicket();
      expect(await refusal(fs.book({ ticketId: uuidv4() }))).to.include({ field: 'ticketId' });
      const other = await refusal(fs.book({ ticketId: ticket.id, clientId: uuidv4() }));
      expect(other).to.include({ field: 'clientId' });
      await fs.closeTicket(ticket.id);
      const closed = await refusal(fs.book({ ticketId: ticket.id }));
      expect(closed).to.be.instanceOf(SchedulingInputError).and.include({ field: 'ticketId' });
      expect(closed.message).to.contain('is closed');
      expect(await appointmentRows()).to.be.empty;
    });

    it("another tenant's ticket is not found", async () => {
      const ticket = await fs.openTicket();
      const err = await refusal(fs.book({ ticketId: ticket.id }, { tenantId: uuidv4() }));
      expect(err).to.include({ field: 'ticketId' });
    });
  });

  describe('reschedule', () => {
    it('across the DST change it keeps the wall clock: Friday 09:00 EST → Monday 09:00 EDT, with both legacy and canonical events', async () => {
      const { kit } = fs;
      const ticket = await fs.openTicket();
      const a = await fs.booked({ ticketId: ticket.id, start: '2026-03-06T09:00', end: '2026-03-06T10:00' });
      expect(a.startAt.toISOString()).to.equal('2026-03-06T14:00:00.000Z');
      const { after } = await fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-09T09:00', reason: 'Customer asked for Monday' }));
      expect(after.startAt.toISOString()).to.equal('2026-03-09T13:00:00.000Z');
      expect(after.endAt.toISOString()).to.equal('2026-03-09T14:00:00.000Z');
      expect(after.rescheduleCount).to.equal(1);
      expect(kit.events).to.have.emitted('APPOINTMENT_RESCHEDULED').withPayload({
        appointmentId: a.id,
        ticketId: ticket.id,
        previousStartAt: '2026-03-06T14:00:00.000Z',
        previousEndAt: '2026-03-06T15:00:00.000Z',
        newStartAt: '2026-03-09T13:00:00.000Z',
        newEndAt: '2026-03-09T14:00:00.000Z',
        timezone: 'America/New_York',
        actorUserId: kit.actorUserId,
        rescheduledAt: after.updatedAt.toISOString(),
        reason: 'Customer asked for Monday',
      }).times(1);
      expect(kit.events).to.have.emitted('SCHEDULE_ENTRY_UPDATED').withPayload({
        entryId: a.id,
        userId: kit.actorUserId,
        changes: { startAt: { previous: '2026-03-06T14:00:00.000Z', new: '2026-03-09T13:00:00.000Z' }, endAt: { previous: '2026-03-06T15:00:00.000Z', new: '2026-03-09T14:00:00.000Z' } },
      }).times(1);
      expect(kit.events.types()).to.deep.equal(['APPOINTMENT_RESCHEDULED', 'SCHEDULE_ENTRY_UPDATED']);
    });

    it('into another zone and with a new end; a move to the same window writes and emits nothing', async () => {
      const a = await fs.booked();
      const same = await fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-09T13:00:00Z', end: '2026-03-09T10:00' }));
      expect(same.after).to.deep.equal(a);
      expect(fs.kit.events.all).to.be.empty;
      const { after } = await fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-09T15:00', end: '2026-03-09T17:00', timezone: 'Europe/Berlin' }));
      expect(after).to.include({ timezone: 'Europe/Berlin' });
      expect(fs.kit.events).to.have.emitted('APPOINTMENT_RESCHEDULED').withPayload({ newStartAt: '2026-03-09T14:00:00.000Z', newEndAt: '2026-03-09T16:00:00.000Z', timezone: 'Europe/Berlin' });
      expect(fs.kit.events.payloads('SCHEDULE_ENTRY_UPDATED')[0].changes).to.have.keys('startAt', 'endAt', 'timezone');
    });

    it('a move into a gap, or a completed or canceled appointment, is refused and nothing changes', async () => {
      const a = await fs.booked();
      expect(await refusal(fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-08T02:15' })))).to.be.instanceOf(NonexistentLocalTimeError);
      await fs.run(() => fs.outcomes.complete(a.id));
      const err = await refusal(fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-10T09:00' })));
      expect(err).to.be.instanceOf(AppointmentStateError);
      expect(err.message).to.equal(`Cannot reschedule appointment ${a.id}: it is completed`);
      const b = await fs.booked({ start: '2026-03-11T09:00', end: '2026-03-11T10:00' });
      await fs.run(() => fs.outcomes.cancel(b.id));
      expect(await refusal(fs.run(() => fs.appointments.reschedule(b.id, { start: '2026-03-12T09:00' })))).to.be.instanceOf(AppointmentStateError);
      expect(fs.kit.events).not.to.have.emitted('APPOINTMENT_RESCHEDULED');
      expect((await fs.run(() => fs.appointments.get(b.id))).startAt.toISOString()).to.equal('2026-03-11T13:00:00.000Z');
    });
  });

  describe('assign', () => {
    it('a hand-over emits APPOINTMENT_ASSIGNED with the previous assignee and the legacy SCHEDULE_ENTRY_UPDATED', async () => {
      const { kit, alice, bob } = fs;
      const a = await fs.booked();
      const { after } = await fs.run(() => fs.appointments.assign(a.id, bob));
      expect(after.assignee).to.deep.equal(bob);
      expect(kit.events).to.have.emitted('APPOINTMENT_ASSIGNED').withPayload({
        appointmentId: a.id,
        previousAssigneeId: alice.id,
        previousAssigneeType: 'user',
        newAssigneeId: bob.id,
        newAssigneeType: 'user',
        actorUserId: kit.actorUserId,
        assignedAt: after.updatedAt.toISOString(),
      }).times(1);
      expect(kit.events).to.have.emitted('SCHEDULE_ENTRY_UPDATED').withPayload({ entryId: a.id, changes: { assigneeId: { previous: alice.id, new: bob.id } } });
      kit.events.clear();
      await fs.run(() => fs.appointments.assign(a.id, bob));
      expect(kit.events.all).to.be.empty;
    });

    it('to a team: the team books its own capacity; an unassigned appointment gets its first assignee', async () => {
      const a = await fs.booked({ assignee: undefined });
      await fs.run(() => fs.appointments.assign(a.id, fs.team));
      const [payload] = fs.kit.events.payloads('APPOINTMENT_ASSIGNED');
      expect(payload).to.include({ newAssigneeId: fs.team.id, newAssigneeType: 'team' }).and.not.have.property('previousAssigneeId');
      expect(await fs.run(() => fs.appointments.get(a.id))).to.include({ teamId: fs.team.id });
    });

    it('bad assignees and ended appointments are refused', async () => {
      const a = await fs.booked();
      expect(await refusal(fs.run(() => fs.appointments.assign(a.id, { id: fs.bob.id, type: 'group' as any })))).to.include({ field: 'assignee.type' });
      await fs.run(() => fs.outcomes.cancel(a.id));
      expect(await refusal(fs.run(() => fs.appointments.assign(a.id, fs.bob)))).to.be.instanceOf(AppointmentStateError);
      expect(await refusal(fs.run(() => fs.appointments.assign(uuidv4(), fs.bob)))).to.be.instanceOf(AppointmentNotFoundError);
      expect(fs.kit.events).not.to.have.emitted('APPOINTMENT_ASSIGNED');
    });
  });

  describe('cancel, complete, no-show', () => {
    it('cancel emits APPOINTMENT_CANCELED beside the legacy SCHEDULE_ENTRY_DELETED, and frees the time', async () => {
      const { kit } = fs;
      const ticket = await fs.openTicket();
      const a = await fs.booked({ ticketId: ticket.id });
      const canceled = await fs.run(() => fs.outcomes.cancel(a.id, { reason: 'Fixed remotely' }));
      expect(canceled).to.include({ status: 'canceled', cancelReason: 'Fixed remotely' });
      expect(kit.events).to.have.emitted('APPOINTMENT_CANCELED').withPayload({
        appointmentId: a.id,
        ticketId: ticket.id,
        actorUserId: kit.actorUserId,
        canceledAt: canceled.canceledAt!.toISOString(),
        reason: 'Fixed remotely',
      }).times(1);
      expect(kit.events).to.have.emitted('SCHEDULE_ENTRY_DELETED').withPayload({ entryId: a.id, userId: kit.actorUserId }).times(1);
      expect(kit.events.types()).to.deep.equal(['APPOINTMENT_CANCELED', 'SCHEDULE_ENTRY_DELETED']);
      await fs.book(); // the same slot, for the same technician
    });

    it('complete emits APPOINTMENT_COMPLETED; completing a canceled one or canceling a completed one is refused', async () => {
      const { kit } = fs;
      const a = await fs.booked();
      const done = await fs.run(() => fs.outcomes.complete(a.id, { outcome: 'Batteries replaced, load test passed' }));
      expect(kit.events).to.have.emitted('APPOINTMENT_COMPLETED').withPayload({
        appointmentId: a.id,
        actorUserId: kit.actorUserId,
        completedAt: done.completedAt!.toISOString(),
        outcome: 'Batteries replaced, load test passed',
      }).times(1);
      const again = await refusal(fs.run(() => fs.outcomes.cancel(a.id)));
      expect(again).to.be.instanceOf(AppointmentStateError).and.include({ code: 'APPOINTMENT_STATE' });
      const b = await fs.booked({ start: '2026-03-10T09:00', end: '2026-03-10T10:00' });
      await fs.run(() => fs.outcomes.cancel(b.id));
      const err = await refusal(fs.run(() => fs.outcomes.complete(b.id)));
      expect(err.message).to.equal(`Cannot complete appointment ${b.id}: it is canceled`);
      expect(kit.events).not.to.have.emitted('APPOINTMENT_COMPLETED');
      expect((await appointmentRows().where({ appointment_id: b.id }).first()).status).to.equal('canceled');
    });

    it('a no-show is recorded for the customer or the agent once the appointment has started, never before', async () => {
      const { kit } = fs;
      const a = await fs.booked();
      const early = { clock: () => new Date('2026-03-09T12:59:00Z') };
      const err = await refusal(fs.run(() => fs.outcomes.markNoShow(a.id, 'customer'), early));
      expect(err.message).to.contain('it has not started yet (starts 2026-03-09T09:00:00-04:00 America/New_York)');
      expect(await refusal(fs.run(() => fs.outcomes.markNoShow(a.id, 'nobody' as any)))).to.include({ field: 'party' });
      const late = { clock: () => new Date('2026-03-09T13:20:00Z') };
      await fs.run(() => fs.outcomes.markNoShow(a.id, 'customer'), late);
      expect(kit.events).to.have.emitted('APPOINTMENT_NO_SHOW').withPayload({ appointmentId: a.id, actorUserId: kit.actorUserId, markedAt: '2026-03-09T13:20:00.000Z', party: 'customer' }).times(1);
      expect(await refusal(fs.run(() => fs.outcomes.markNoShow(a.id, 'agent'), late))).to.be.instanceOf(AppointmentStateError);
      const b = await fs.booked({ assignee: fs.bob });
      await fs.run(() => fs.outcomes.markNoShow(b.id, 'agent'), late);
      expect(kit.events).to.have.emitted('APPOINTMENT_NO_SHOW').withPayload({ appointmentId: b.id, party: 'agent' });
    });

    it('two concurrent outcomes for one appointment: one wins, the other is refused', async () => {
      const a = await fs.booked();
      const results = await Promise.allSettled([fs.run(() => fs.outcomes.complete(a.id)), fs.run(() => fs.outcomes.cancel(a.id))]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).to.be.instanceOf(AppointmentStateError);
      expect(fs.kit.events.types().filter((t) => t.startsWith('APPOINTMENT_'))).to.have.length(1);
    });

    it('outcomes need an internal user', async () => {
      const a = await fs.booked();
      const err = await refusal(fs.run(() => fs.outcomes.cancel(a.id), { actorUserId: undefined, actorContactId: uuidv4(), actorType: 'CONTACT' }));
      expect(err.code).to.equal('STAFF_ACTOR_REQUIRED');
    });
  });

  it('APPOINTMENT_CANCELED reaches the worker through outbox and bus', async () => {
    const a = await fs.booked();
    const arrived = await fs.kit
      .scenario(() => fs.outcomes.cancel(a.id, { reason: 'Customer closed for holidays' }))
      .expect('APPOINTMENT_CANCELED')
      .matching((p) => p.appointmentId === a.id)
      .toArrive();
    const row = await fs.kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
    expect(row.payload_schema_ref).to.equal('payload.AppointmentCanceled.v1');
  });
});
