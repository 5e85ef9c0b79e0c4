import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { SchedulingInputError } from '../../../domains/scheduling';
import { forEachDatabase } from '../../support/databases';
import { freshFieldServicePerTest, refusal } from './field-service';

forEachDatabase('scheduling: team capacity per day', (target) => {
  const fs = freshFieldServicePerTest(target);
  const crossings = () => fs.kit.events.payloads('CAPACITY_THRESHOLD_REACHED');
  /** Four hours a day, counted in New York days. */
  const setCapacity = (dailyMinutes = 240, timezone = 'America/New_York') => fs.run(() => fs.capacity.setTeamCapacity(fs.team.id, { dailyMinutes, timezone }));
  /** A team visit on Monday 2026-03-09 (New York) from `from` to `to`. */
  const teamVisit = (from: string, to: string, extra: Record<string, unknown> = {}) =>
    fs.book({ assignee: fs.team, start: `2026-03-09T${from}`, end: `2026-03-09T${to}`, ...extra });

  it('the booking that takes the day to capacity emits CAPACITY_THRESHOLD_REACHED once; later bookings that day do not', async () => {
    const { kit } = fs;
    await setCapacity();
    await teamVisit('08:00', '10:00');
    await teamVisit('10:00', '11:30');
    expect(crossings()).to.be.empty;
    const third = await teamVisit('13:00', '13:30');
    expect(kit.events).to.have.emitted('CAPACITY_THRESHOLD_REACHED').withPayload({
      tenantId: kit.tenantId,
      teamId: fs.team.id,
      date: '2026-03-09',
      capacityLimit: 240,
      currentBooked: 240,
      triggeredAt: third.at.toISOString(),
      actorUserId: kit.actorUserId,
    }).times(1);
    expect(kit.events.types().slice(-1)).to.deep.equal(['CAPACITY_THRESHOLD_REACHED']);
    await teamVisit('14:00', '15:00');
    expect(crossings()).to.have.length(1);
    expect(await fs.run(() => fs.capacity.dayLoad(fs.team.id, '2026-03-09'))).to.deep.equal({
      teamId: fs.team.id,
      date: '2026-03-09',
      capacityMinutes: 240,
      bookedMinutes: 300,
      reached: true,
    });
  });

  it('fires again for the day only after it fell back under capacity and crossed again', async () => {
    await setCapacity();
    const a = await teamVisit('08:00', '10:00');
    await teamVisit('10:00', '12:00');
    expect(crossings()).to.have.length(1);
    await fs.run(() => fs.outcomes.cancel(a.after.id));
    expect((await fs.run(() => fs.capacity.dayLoad(fs.team.id, '2026-03-09'))).reached).to.equal(false);
    await teamVisit('13:00', '14:00');
    expect(crossings()).to.have.length(1);
    await teamVisit('14:00', '15:00');
    expect(crossings()).to.have.length(2);
    expect(crossings()[1]).to.include({ date: '2026-03-09', currentBooked: 240 });
  });

  it('a move or a hand-over that brings a day to capacity reports it; the day it left is re-armed', async () => {
    await setCapacity(180);
    await teamVisit('08:00', '10:00');
    const other = await fs.booked({ assignee: fs.team, start: '2026-03-10T08:00', end: '2026-03-10T09:00' });
    await fs.run(() => fs.appointments.reschedule(other.id, { start: '2026-03-09T10:00' }));
    expect(fs.kit.events).to.have.emitted('CAPACITY_THRESHOLD_REACHED').withPayload({ date: '2026-03-09', currentBooked: 180 }).times(1);
    expect(fs.kit.events.types()).to.deep.equal(['APPOINTMENT_RESCHEDULED', 'SCHEDULE_ENTRY_UPDATED', 'CAPACITY_THRESHOLD_REACHED']);

    const bobs = await fs.booked({ assignee: fs.bob, start: '2026-03-11T08:00', end: '2026-03-11T11:00' });
    await fs.run(() => fs.appointments.assign(bobs.id, fs.team));
    expect(fs.kit.events).to.have.emitted('CAPACITY_THRESHOLD_REACHED').withPayload({ date: '2026-03-11', currentBooked: 180 }).times(1);
    // A technician's booking counts against the team it is booked for.
    await fs.book({ assignee: fs.alice, teamId: fs.team.id, start: '2026-03-12T08:00', end: '2026-03-12T11:00' });
    expect(fs.kit.events).to.have.emitted('CAPACITY_THRESHOLD_REACHED').withPayload({ date: '2026-03-12' }).times(1);
  });

  it("days are the team's local days: an overnight job counts on both, DST days included", async () => {
    await setCapacity(120);
    await fs.book({ assignee: fs.team, start: '2026-03-07T22:00', end: '2026-03-08T04:00' });
    // 02:00-03:00 does not exist on 2026-03-08: 22:00-04:00 is 5 hours, 2 on the 7th and 3 on the 8th.
    expect(crossings().map((c) => [c.date, c.currentBooked])).to.deep.equal([
      ['2026-03-07', 120],
      ['2026-03-08', 180],
    ]);
  });

  it('teams without a capacity, and appointments without a team, count nothing', async () => {
    await teamVisit('08:00', '18:00');
    await fs.book({ assignee: fs.bob, start: '2026-03-09T08:00', end: '2026-03-09T18:00' });
    expect(crossings()).to.be.empty;
    expect(await fs.kit.db('scheduling_capacity_days')).to.be.empty;
  });

  it('concurrent bookings of one team-day cross the threshold once', async () => {
    await setCapacity(240);
    await teamVisit('07:00', '08:00');
    const results = await Promise.all([teamVisit('08:00', '09:00'), teamVisit('09:00', '10:00'), teamVisit('10:00', '11:00'), teamVisit('11:00', '12:00')]);
    expect(results.flatMap((r) => r.capacity)).to.have.length(1);
    expect(crossings()).to.have.length(1);
    expect(crossings()[0]).to.include({ date: '2026-03-09', currentBooked: 240 });
  });

  it('concurrent bookings of different technicians for the team cross once', async () => {
    await setCapacity(120);
    const techs = [fs.alice, fs.bob, { id: uuidv4(), type: 'user' as const }];
    await Promise.all(techs.map((assignee) => fs.book({ assignee, teamId: fs.team.id, start: '2026-03-09T09:00', end: '2026-03-09T10:00' })));
    expect(crossings()).to.have.length(1);
    expect(crossings()[0]).to.include({ currentBooked: 120 });
  });

  it('capacity settings are checked: whole minutes, a real zone', async () => {
    expect(await refusal(setCapacity(0))).to.be.instanceOf(SchedulingInputError).and.include({ field: 'dailyMinutes' });
    expect(await refusal(setCapacity(90.5))).to.include({ field: 'dailyMinutes' });
    expect(await refusal(setCapacity(240, 'New York'))).to.include({ field: 'timezone' });
    expect(await refusal(fs.run(() => fs.capacity.dayLoad(fs.team.id, '2026-03-09')))).to.include({ field: 'teamId' });
    await setCapacity(480, 'Europe/Berlin');
    await setCapacity(300, 'Europe/Berlin');
    expect(await fs.run(() => fs.capacity.teamCapacity(fs.team.id))).to.deep.equal({ teamId: fs.team.id, dailyMinutes: 300, timezone: 'Europe/Berlin' });
    expect(await refusal(fs.run(() => fs.capacity.dayLoad(fs.team.id, '2026-02-30')))).to.include({ field: 'date' });
  });
});
