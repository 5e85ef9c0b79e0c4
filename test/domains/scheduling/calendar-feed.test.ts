import { expect } from 'chai';
import * as nodeIcal from 'node-ical';
import { v4 as uuidv4 } from 'uuid';
import { AppointmentService, CalendarFeedService, ScheduleBlockService } from '../../../domains/scheduling';
import { withEmissionContext } from '../../../lib/emission/emission-context';
import { createServer } from '../../../src/http/server';
import { forEachDatabase } from '../../support/databases';
import { createTestApp } from '../../tooling/support/app';
import { freshFieldServicePerTest } from './field-service';

/** The VEVENTs of a feed as node-ical (another library than the one that wrote it) reads them. */
function parseFeed(ics: string): nodeIcal.VEvent[] {
  return Object.values(nodeIcal.sync.parseICS(ics)).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
}

const NOW = new Date('2026-03-01T12:00:00Z');

forEachDatabase('scheduling: iCalendar feed per technician (RFC 5545)', (target) => {
  const fs = freshFieldServicePerTest(target);
  const render = (userId = fs.alice.id) => fs.run(() => fs.feeds.render(userId, { now: NOW }));

  it("a technician's appointments and blocks parse back with their times, zones, sequence and status", async () => {
    const ticket = await fs.openTicket();
    const friday = await fs.booked({ ticketId: ticket.id, start: '2026-03-06T09:00', end: '2026-03-06T10:30' });
    const moved = await fs.booked({ title: 'Network audit', start: '2026-03-05T14:00', end: '2026-03-05T15:00' });
    await fs.run(() => fs.appointments.reschedule(moved.id, { start: '2026-03-10T14:00' }));
    const berlin = await fs.booked({ title: 'Visit Berlin office', start: '2026-03-30T09:00', end: '2026-03-30T11:00', timezone: 'Europe/Berlin', location: 'Friedrichstr. 1' });
    const canceled = await fs.booked({ title: 'Canceled visit', start: '2026-03-12T09:00', end: '2026-03-12T10:00' });
    await fs.run(() => fs.outcomes.cancel(canceled.id));
    await fs.booked({ title: "Bob's visit", assignee: fs.bob });
    const timeOff = await fs.run(() => fs.blocks.create({ owner: fs.alice, start: '2026-03-13T13:00', end: '2026-03-13T17:00', timezone: fs.zone, reason: 'Dentist' }));

    const ics = await render();
    expect(ics).to.match(/^BEGIN:VCALENDAR\r\n/).and.contain('VERSION:2.0').and.contain('PRODID:-//workflow-events//scheduling//EN');
    expect(ics).to.contain('BEGIN:VTIMEZONE\r\nTZID:America/New_York').and.contain('TZID:Europe/Berlin');
    expect(ics).to.contain('DTSTART;TZID=America/New_York:20260306T090000');

    const events = parseFeed(ics);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).to.deep.equal(
      [`appointment-${friday.id}@workflow-events`, `appointment-${moved.id}@workflow-events`, `appointment-${berlin.id}@workflow-events`, `block-${timeOff.id}@workflow-events`].sort(),
    );
    const fri = byUid.get(`appointment-${friday.id}@workflow-events`)!;
    expect(fri.start.toISOString()).to.equal('2026-03-06T14:00:00.000Z');
    expect(fri.end!.toISOString()).to.equal('2026-03-06T15:30:00.000Z');
    expect((fri.start as any).tz).to.equal('America/New_York');
    expect(fri.summary).to.equal('Replace UPS batteries');
    expect(fri.location).to.equal('12 Main St, Springfield');
    expect(fri.description).to.equal(`Ticket ${ticket.id}`);
    expect(fri.status).to.equal('CONFIRMED');
    // After the DST change the same wall-clock hour is another UTC hour.
    const audit = byUid.get(`appointment-${moved.id}@workflow-events`)!;
    expect(audit.start.toISOString()).to.equal('2026-03-10T18:00:00.000Z');
    expect(Number(audit.sequence)).to.equal(1);
    const ber = byUid.get(`appointment-${berlin.id}@workflow-events`)!;
    expect(ber.start.toISOString()).to.equal('2026-03-30T07:00:00.000Z');
    expect((ber.start as any).tz).to.equal('Europe/Berlin');
    const block = byUid.get(`block-${timeOff.id}@workflow-events`)!;
    expect(block.summary).to.equal('Dentist');
    expect(block.start.toISOString()).to.equal('2026-03-13T17:00:00.000Z');
    expect(block.class).to.equal('PRIVATE');
  });

  it('a visit in the repeated hour is written in UTC, so a reader cannot pick the wrong occurrence', async () => {
    // 01:30 EDT to 01:15 EST: a TZID local time could only name the first 01:15.
    const a = await fs.booked({ start: '2026-11-01T01:30', end: '2026-11-01T06:15:00Z' });
    const ics = await fs.run(() => fs.feeds.render(fs.alice.id, { now: new Date('2026-10-30T00:00:00Z') }));
    expect(ics).to.contain('DTSTART:20261101T053000Z').and.contain('DTEND:20261101T061500Z');
    const [event] = parseFeed(ics);
    expect(event.uid).to.equal(`appointment-${a.id}@workflow-events`);
    expect(event.start.toISOString()).to.equal('2026-11-01T05:30:00.000Z');
    expect(event.end!.toISOString()).to.equal('2026-11-01T06:15:00.000Z');
  });

  it('only the range around now is in the feed', async () => {
    await fs.booked({ start: '2026-01-05T09:00', end: '2026-01-05T10:00' });
    await fs.booked({ start: '2026-12-01T09:00', end: '2026-12-01T10:00' });
    expect(parseFeed(await render())).to.be.empty;
  });
});

forEachDatabase('scheduling: the feed over HTTP', (target) => {
  it('GET /scheduling/calendar.ics?token=… serves the signed technician feed; a missing, altered or expired token gets 401', async () => {
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const ctx = { tenantId: uuidv4(), actorUserId: uuidv4() };
      const technician = uuidv4();
      const path = await withEmissionContext(ctx, async () => {
        await app.runtime.resolve(AppointmentService).book({
          title: 'Firewall swap',
          start: '2026-12-07T09:00',
          end: '2026-12-07T11:00',
          timezone: 'Europe/Berlin',
          assignee: { id: technician, type: 'user' },
        });
        await app.runtime.resolve(ScheduleBlockService).create({ owner: { id: technician, type: 'user' }, start: '2026-12-08T09:00', end: '2026-12-08T17:00', timezone: 'Europe/Berlin' });
        return app.runtime.resolve(CalendarFeedService).feedPath(technician);
      });
      expect(path).to.match(/^\/scheduling\/calendar\.ics\?token=[\w-]+\.[\w-]+\.[\w-]+$/);

      const res = await server.inject({ method: 'GET', url: path });
      expect(res.statusCode, res.body).to.equal(200);
      expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
      const events = parseFeed(res.body);
      expect(events.map((e) => e.summary).sort()).to.deep.equal(['Busy', 'Firewall swap']);
      expect(events.find((e) => e.summary === 'Firewall swap')!.start.toISOString()).to.equal('2026-12-07T08:00:00.000Z');

      const token = path.slice(path.indexOf('=') + 1);
      const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      for (const url of [`/scheduling/calendar.ics?token=${tampered}`, '/scheduling/calendar.ics?token=not-a-token', '/scheduling/calendar.ics']) {
        const bad = await server.inject({ method: 'GET', url });
        expect(bad.statusCode, url).to.equal(401);
        expect(bad.json()).to.include({ error: 'TOKEN_INVALID' });
      }
      const expired = await withEmissionContext({ ...ctx, clock: () => new Date(Date.now() - 400 * 86_400_000) }, () => app.runtime.resolve(CalendarFeedService).feedPath(technician));
      expect((await server.inject({ method: 'GET', url: expired })).json()).to.include({ error: 'TOKEN_EXPIRED' });
    } finally {
      await server.close();
      await dispose();
    }
  });
});
