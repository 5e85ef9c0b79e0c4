import { DateTime } from 'luxon';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, DemoStory } from '../../lib/kit';
import { TicketService, TicketSetupService } from '../tickets';
import { AppointmentOutcomeService } from './appointments/appointment-outcome-service';
import { AppointmentService } from './appointments/appointment-service';
import { CapacityService } from './capacity/capacity-service';
import { DispatchService } from './dispatch/dispatch-service';
import { CalendarFeedService } from './feed/calendar-feed-service';
import { localIso } from './time/zoned-time';

const ZONE = 'America/New_York';

/** The first local day on or after `from` during which the zone's UTC offset changes (the next DST change). */
function nextDstChangeDay(from: Date, zone: string): DateTime {
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    if (day.plus({ days: 1 }).offset !== day.offset) return day;
  }
  throw new Error(`${zone} has no daylight-saving change within a year`);
}

/**
 * An on-site visit for a ticket: booked for the Friday before the clocks change in New York,
 * moved to the Monday after (09:00 stays 09:00 on the wall clock, one hour apart in UTC), the
 * field team reaches its daily capacity, and the technician is dispatched, travels, arrives,
 * checks out, and the visit is completed.
 */
export const schedulingDemo: DemoStory = {
  title: 'Scheduling: an on-site visit across a daylight-saving change',
  async run(demo) {
    const setup = demo.resolve(TicketSetupService);
    const appointments = demo.resolve(AppointmentService);
    const dispatch = demo.resolve(DispatchService);
    const team = { id: uuidv4(), type: 'team' as const };
    const technician = { id: uuidv4(), type: 'user' as const };
    const colleague = { id: uuidv4(), type: 'user' as const };
    const change = nextDstChangeDay(actionTime(), ZONE);
    const before = change.minus({ days: 2 }).toISODate()!;
    const after = change.plus({ days: 1 }).toISODate()!;

    demo.say(`The field team takes on 4 hours of visits a day (${ZONE}). A client's UPS is beeping; the ticket needs someone on site.`);
    await demo.resolve(CapacityService).setTeamCapacity(team.id, { dailyMinutes: 240, timezone: ZONE });
    const ticket = await demo.resolve(TicketService).create({
      title: 'Server room UPS beeping',
      clientId: uuidv4(),
      boardId: (await setup.createBoard({ name: 'Field Services' })).id,
      priorityId: (await setup.createPriority({ name: 'Normal', order: 5 })).id,
      statusId: (await setup.createStatus({ name: 'Awaiting visit', order: 5 })).id,
    });
    const booked = await appointments.book({
      title: 'Replace UPS batteries',
      ticketId: ticket.id,
      start: `${before}T09:00`,
      end: `${before}T11:00`,
      timezone: ZONE,
      assignee: technician,
      teamId: team.id,
      location: '12 Main St, Springfield',
    });
    demo.say(`Booked for ${before} 09:00 local (${booked.after.startAt.toISOString()}); the clocks change on ${change.toISODate()}.`);

    const moved = await appointments.reschedule(booked.after.id, { start: `${after}T09:00`, reason: 'Client asked for Monday' });
    demo.say(`Moved to ${localIso(moved.after.startAt, ZONE)}: still 09:00 on the wall clock, now ${moved.after.startAt.toISOString()} in UTC.`);

    demo.say('A colleague books a two-hour network audit for the team that day: the team reaches its capacity.');
    await appointments.book({ title: 'Network audit', start: `${after}T13:00`, end: `${after}T15:00`, timezone: ZONE, assignee: colleague, teamId: team.id });

    demo.say('On the day the technician is dispatched, drives over, checks in on site and checks out; the visit is completed.');
    const id = booked.after.id;
    await dispatch.dispatch(id);
    await demo.as({ actorUserId: technician.id }, async () => {
      await dispatch.startTravel(id, { eta: new Date(actionTime().getTime() + 40 * 60_000) });
      await dispatch.arrive(id, { location: { latitude: 40.7128, longitude: -74.006, accuracyMeters: 15 } });
      await dispatch.checkOut(id, { workSummary: 'Replaced 4 batteries; UPS self-test passed' });
    });
    await demo.resolve(AppointmentOutcomeService).complete(id, { outcome: 'Fixed on site' });
    const feed = await demo.resolve(CalendarFeedService).feedPath(technician.id);
    demo.say(`The technician's calendar app subscribes to the signed iCalendar feed ${feed.slice(0, feed.indexOf('=') + 1)}…`);
  },
};
