import { expect } from 'chai';
import { AppointmentStateError, SchedulingInputError, VisitStateError } from '../../../domains/scheduling';
import { forEachDatabase } from '../../support/databases';
import { freshFieldServicePerTest, refusal } from './field-service';

const at = (iso: string) => ({ clock: () => new Date(iso) });

forEachDatabase('scheduling: dispatching technicians', (target) => {
  const fs = freshFieldServicePerTest(target);

  it('dispatched → en route → arrived → checked out, each step with its event, then completed', async () => {
    const { kit, alice } = fs;
    const ticket = await fs.openTicket();
    const a = await fs.booked({ ticketId: ticket.id });
    const ids = { appointmentId: a.id, ticketId: ticket.id, technicianUserId: alice.id };

    await fs.run(() => fs.dispatch.dispatch(a.id), at('2026-03-09T12:00:00Z'));
    expect(kit.events).to.have.emitted('TECHNICIAN_DISPATCHED').withPayload({ ...ids, dispatchedByUserId: kit.actorUserId, dispatchedAt: '2026-03-09T12:00:00.000Z', actorUserId: kit.actorUserId }).times(1);

    // The technician reports the next steps from their phone.
    const asAlice = (iso: string) => ({ ...at(iso), actorUserId: alice.id });
    await fs.run(() => fs.dispatch.startTravel(a.id, { eta: '2026-03-09T08:55:00-04:00' }), asAlice('2026-03-09T12:20:00Z'));
    expect(kit.events).to.have.emitted('TECHNICIAN_EN_ROUTE').withPayload({ ...ids, startedAt: '2026-03-09T12:20:00.000Z', eta: '2026-03-09T12:55:00.000Z', actorUserId: alice.id }).times(1);

    const location = { latitude: 40.7128, longitude: -74.006, accuracyMeters: 12 };
    await fs.run(() => fs.dispatch.arrive(a.id, { location }), asAlice('2026-03-09T12:57:00Z'));
    expect(kit.events).to.have.emitted('TECHNICIAN_ARRIVED').withPayload({ ...ids, arrivedAt: '2026-03-09T12:57:00.000Z', location }).times(1);

    await fs.run(() => fs.dispatch.checkOut(a.id, { workSummary: 'Replaced 4 batteries; UPS self-test passed' }), asAlice('2026-03-09T14:05:00Z'));
    expect(kit.events).to.have.emitted('TECHNICIAN_CHECKED_OUT').withPayload({ ...ids, checkedOutAt: '2026-03-09T14:05:00.000Z', workSummary: 'Replaced 4 batteries; UPS self-test passed' }).times(1);

    await fs.run(() => fs.outcomes.complete(a.id, { outcome: 'Fixed on site' }), at('2026-03-09T14:10:00Z'));
    expect(kit.events).to.have.emittedInOrder(['TECHNICIAN_DISPATCHED', 'TECHNICIAN_EN_ROUTE', 'TECHNICIAN_ARRIVED', 'TECHNICIAN_CHECKED_OUT', 'APPOINTMENT_COMPLETED']);
    const visit = await fs.run(() => fs.dispatch.visit(a.id));
    expect(visit).to.include({ state: 'checked_out', technicianUserId: alice.id });
    expect(visit!.location).to.deep.equal(location);
  });

  it('optional step details are left out when not given', async () => {
    const a = await fs.booked();
    await fs.run(() => fs.dispatch.dispatch(a.id));
    await fs.run(() => fs.dispatch.startTravel(a.id));
    await fs.run(() => fs.dispatch.arrive(a.id));
    await fs.run(() => fs.dispatch.checkOut(a.id));
    expect(fs.kit.events.payloads('TECHNICIAN_DISPATCHED')[0]).not.to.have.property('ticketId');
    expect(fs.kit.events.payloads('TECHNICIAN_EN_ROUTE')[0]).not.to.have.property('eta');
    expect(fs.kit.events.payloads('TECHNICIAN_ARRIVED')[0]).not.to.have.property('location');
    expect(fs.kit.events.payloads('TECHNICIAN_CHECKED_OUT')[0]).not.to.have.property('workSummary');
  });

  it('steps out of order or repeated are refused, naming where the visit is', async () => {
    const a = await fs.booked();
    const early = await refusal(fs.run(() => fs.dispatch.arrive(a.id)));
    expect(early).to.be.instanceOf(VisitStateError).and.include({ code: 'VISIT_STATE' });
    expect(early.message).to.equal(`Cannot check the technician in for appointment ${a.id}: no technician was dispatched (this step follows en route)`);
    await fs.run(() => fs.dispatch.dispatch(a.id));
    const skipped = await refusal(fs.run(() => fs.dispatch.arrive(a.id)));
    expect(skipped.message).to.contain('the visit is dispatched (this step follows en route)');
    expect(await refusal(fs.run(() => fs.dispatch.dispatch(a.id)))).to.be.instanceOf(VisitStateError);
    await fs.run(() => fs.dispatch.startTravel(a.id));
    expect(await refusal(fs.run(() => fs.dispatch.startTravel(a.id)))).to.be.instanceOf(VisitStateError);
    expect(await refusal(fs.run(() => fs.dispatch.checkOut(a.id)))).to.be.instanceOf(VisitStateError);
    expect(fs.kit.events.types()).to.deep.equal(['TECHNICIAN_DISPATCHED', 'TECHNICIAN_EN_ROUTE']);
  });

  it('only a scheduled appointment with a technician is dispatched', async () => {
    const team = await fs.booked({ assignee: fs.team });
    const err = await refusal(fs.run(() => fs.dispatch.dispatch(team.id)));
    expect(err).to.be.instanceOf(AppointmentStateError);
    expect(err.message).to.contain(`it is assigned to team ${fs.team.id}; assign it to a technician first`);
    const nobody = await fs.booked({ assignee: undefined, start: '2026-03-10T09:00', end: '2026-03-10T10:00' });
    expect((await refusal(fs.run(() => fs.dispatch.dispatch(nobody.id)))).message).to.contain('it has no technician');
    const canceled = await fs.booked({ start: '2026-03-11T09:00', end: '2026-03-11T10:00' });
    await fs.run(() => fs.outcomes.cancel(canceled.id));
    expect((await refusal(fs.run(() => fs.dispatch.dispatch(canceled.id)))).message).to.contain('it is canceled');
    expect(await fs.kit.db('appointment_visits')).to.be.empty;
  });

  it('the visit holds the appointment: no move, hand-over or completion while under way; no cancel once on site', async () => {
    const a = await fs.booked();
    await fs.run(() => fs.dispatch.dispatch(a.id));
    const moved = await refusal(fs.run(() => fs.appointments.reschedule(a.id, { start: '2026-03-09T11:00' })));
    expect(moved.message).to.contain(`technician ${fs.alice.id} was dispatched (visit dispatched)`);
    expect(await refusal(fs.run(() => fs.appointments.assign(a.id, fs.bob)))).to.be.instanceOf(AppointmentStateError);
    await fs.run(() => fs.dispatch.startTravel(a.id));
    expect((await refusal(fs.run(() => fs.outcomes.complete(a.id)))).message).to.contain('is en route: check them out first');
    await fs.run(() => fs.dispatch.arrive(a.id));
    expect((await refusal(fs.run(() => fs.outcomes.cancel(a.id)))).message).to.contain('already checked in on site');
    expect(await refusal(fs.run(() => fs.outcomes.markNoShow(a.id, 'agent'), at('2026-03-09T13:30:00Z')))).to.be.instanceOf(AppointmentStateError);
    // Nobody on site: the customer did not show.
    await fs.run(() => fs.outcomes.markNoShow(a.id, 'customer'), at('2026-03-09T13:30:00Z'));
    expect(await refusal(fs.run(() => fs.dispatch.checkOut(a.id)))).to.be.instanceOf(AppointmentStateError);
  });

  it('a canceled visit stops the dispatch steps', async () => {
    const a = await fs.booked();
    await fs.run(() => fs.dispatch.dispatch(a.id));
    await fs.run(() => fs.outcomes.cancel(a.id, { reason: 'Customer fixed it' }));
    const err = await refusal(fs.run(() => fs.dispatch.startTravel(a.id)));
    expect(err.message).to.equal(`Cannot report the technician en route for appointment ${a.id}: it is canceled`);
  });

  it('an ETA in the past and a malformed location are refused naming the field', async () => {
    const a = await fs.booked();
    await fs.run(() => fs.dispatch.dispatch(a.id));
    const now = at('2026-03-09T12:00:00Z');
    expect(await refusal(fs.run(() => fs.dispatch.startTravel(a.id, { eta: '2026-03-09T11:59:00Z' }), now))).to.be.instanceOf(SchedulingInputError).and.include({ field: 'eta' });
    expect(await refusal(fs.run(() => fs.dispatch.startTravel(a.id, { eta: 'soon' }), now))).to.include({ field: 'eta' });
    await fs.run(() => fs.dispatch.startTravel(a.id), now);
    for (const [location, field] of [
      [{ latitude: 91, longitude: 0 }, 'location.latitude'],
      [{ latitude: 40 }, 'location.longitude'],
      [{ latitude: 40, longitude: -74, altitude: 3 }, 'location.altitude'],
      [{ latitude: 40, longitude: -74, accuracyMeters: -1 }, 'location.accuracyMeters'],
      ['40.7,-74.0', 'location'],
    ] as const) {
      expect(await refusal(fs.run(() => fs.dispatch.arrive(a.id, { location: location as any }))), field).to.include({ field });
    }
    expect((await fs.run(() => fs.dispatch.visit(a.id)))!.state).to.equal('en_route');
  });

  it('two concurrent dispatches, or two concurrent arrivals: one event each', async () => {
    const a = await fs.booked();
    const dispatches = await Promise.allSettled([fs.run(() => fs.dispatch.dispatch(a.id)), fs.run(() => fs.dispatch.dispatch(a.id))]);
    expect(dispatches.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    await fs.run(() => fs.dispatch.startTravel(a.id));
    const arrivals = await Promise.allSettled([fs.run(() => fs.dispatch.arrive(a.id)), fs.run(() => fs.dispatch.arrive(a.id))]);
    expect(arrivals.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect((arrivals.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(VisitStateError);
    expect(fs.kit.events.types()).to.deep.equal(['TECHNICIAN_DISPATCHED', 'TECHNICIAN_EN_ROUTE', 'TECHNICIAN_ARRIVED']);
  });

  it('TECHNICIAN_ARRIVED reaches the worker through outbox and bus', async () => {
    const a = await fs.booked();
    await fs.run(() => fs.dispatch.dispatch(a.id));
    await fs.run(() => fs.dispatch.startTravel(a.id));
    const arrived = await fs.kit
      .scenario(() => fs.dispatch.arrive(a.id, { location: { latitude: 52.52, longitude: 13.405 } }))
      .expect('TECHNICIAN_ARRIVED')
      .matching((p) => p.appointmentId === a.id && p.location?.latitude === 52.52)
      .toArrive();
    expect(arrived.payload).to.include({ technicianUserId: fs.alice.id });
  });
});
