import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { AppointmentNotFoundError, ScheduleBlockNotFoundError } from '../../../domains/scheduling';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { freshFieldServicePerTest, refusal } from './field-service';

const TABLES = ['scheduling_calendars', 'appointments', 'schedule_blocks', 'scheduling_team_capacity', 'scheduling_capacity_days', 'appointment_visits'];

forEachDatabase("scheduling: one tenant cannot reach another tenant's schedule", (target) => {
  const fs = freshFieldServicePerTest(target);

  /** Tenant A's day through every scheduling service. */
  async function tenantAWorks() {
    await fs.run(() => fs.capacity.setTeamCapacity(fs.team.id, { dailyMinutes: 60, timezone: fs.zone }));
    const ticket = await fs.openTicket();
    const visit = (await fs.book({ ticketId: ticket.id, teamId: fs.team.id })).after;
    const other = (await fs.book({ assignee: fs.bob, start: '2026-03-10T09:00', end: '2026-03-10T10:00' })).after;
    const block = await fs.run(() => fs.blocks.create({ owner: fs.alice, start: '2026-03-11T09:00', end: '2026-03-11T10:00', timezone: fs.zone }));
    await fs.run(async () => {
      await fs.appointments.reschedule(other.id, { start: '2026-03-10T11:00' });
      await fs.appointments.assign(other.id, fs.team);
      await fs.dispatch.dispatch(visit.id);
      await fs.dispatch.startTravel(visit.id);
      await fs.dispatch.arrive(visit.id);
      await fs.dispatch.checkOut(visit.id);
      await fs.outcomes.complete(visit.id);
      await fs.outcomes.cancel(other.id);
      await fs.feeds.render(fs.alice.id, { now: new Date('2026-03-09T00:00:00Z') });
      await fs.capacity.dayLoad(fs.team.id, '2026-03-09');
    });
    return { visit, other, block };
  }

  it('every statement the scheduling services send is scoped by tenant', async () => {
    expect(await unscopedQueries(fs.kit.db, tenantAWorks)).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's ids, and A's rows stay as they were", async () => {
    const { visit, other, block } = await tenantAWorks();
    await fs.kit.settle();
    const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await fs.kit.db(t)).map((r) => JSON.stringify(r)).sort()])));
    const before = await snapshot();
    fs.kit.events.clear();
    const tenantB = { tenantId: uuidv4() };
    const attempts: Array<[string, () => Promise<unknown>, Function]> = [
      ['get', () => fs.appointments.get(visit.id), AppointmentNotFoundError],
      ['reschedule', () => fs.appointments.reschedule(other.id, { start: '2026-03-12T09:00' }), AppointmentNotFoundError],
      ['assign', () => fs.appointments.assign(visit.id, fs.bob), AppointmentNotFoundError],
      ['cancel', () => fs.outcomes.cancel(visit.id), AppointmentNotFoundError],
      ['complete', () => fs.outcomes.complete(other.id), AppointmentNotFoundError],
      ['dispatch', () => fs.dispatch.dispatch(visit.id), AppointmentNotFoundError],
      ['delete block', () => fs.blocks.delete(block.id), ScheduleBlockNotFoundError],
    ];
    for (const [name, attempt, notFound] of attempts) expect(await refusal(fs.run(attempt, tenantB)), name).to.be.instanceOf(notFound);
    // B's own bookings do not clash with A's calendars, and B's feed for A's technician is empty.
    await fs.book({ start: '2026-03-11T09:00', end: '2026-03-11T10:00' }, tenantB);
    const feed = await fs.run(() => fs.feeds.render(fs.alice.id, { now: new Date('2026-03-09T00:00:00Z') }), tenantB);
    expect(feed.match(/BEGIN:VEVENT/g)).to.have.length(1);
    const after = await snapshot();
    for (const t of TABLES.filter((t) => t !== 'appointments' && t !== 'scheduling_calendars')) expect(after[t], t).to.deep.equal(before[t]);
    expect(after.appointments.filter((r: string) => !r.includes(tenantB.tenantId))).to.deep.equal(before.appointments);
  });
});
