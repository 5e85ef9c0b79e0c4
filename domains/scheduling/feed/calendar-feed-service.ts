import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventBusyStatus, ICalEventClass, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { injectable } from 'tsyringe';
import { actionTime, currentTenant, SignedTokens } from '../../../lib/kit';
import { Appointment } from '../appointments/appointment';
import { checkUuid } from '../appointments/appointment-input';
import { AppointmentRepository } from '../appointments/appointment-repository';
import { ScheduleBlock } from '../blocks/schedule-block';
import { ScheduleBlockService } from '../blocks/schedule-block-service';
import { isRepeatedLocalTime } from '../time/zoned-time';

const PURPOSE = 'scheduling-calendar-feed';
const DAY_MS = 24 * 3_600_000;

/** What a feed link grants: one technician's calendar of one tenant. */
export interface FeedClaims {
  tenant: string;
  userId: string;
}

export interface FeedRange {
  /** Days of history before `now` (default 30). */
  pastDays?: number;
  /** Days ahead of `now` (default 180). */
  futureDays?: number;
  now?: Date;
}

/**
 * A technician's schedule as an iCalendar feed (RFC 5545) for calendar apps to subscribe to:
 * their appointments (canceled ones dropped) and blocks, written with ical-generator. Times keep
 * their booking zone (TZID with a VTIMEZONE); a time in a repeated hour is written in UTC, since
 * a TZID local time would name its first occurrence only. Links are signed tokens.
 */
@injectable()
export class CalendarFeedService {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly blocks: ScheduleBlockService,
    private readonly tokens: SignedTokens,
  ) {}

  /** The path of the technician's feed (`/scheduling/calendar.ics?token=<signed token>`), valid for `validDays`. */
  async feedPath(userId: string, { validDays = 365 } = {}): Promise<string> {
    const tenant = currentTenant('CalendarFeedService.feedPath');
    checkUuid('userId', userId);
    const token = await this.tokens.sign(PURPOSE, { tenant, userId }, { expiresInSeconds: validDays * 86_400, now: actionTime() });
    return `/scheduling/calendar.ics?token=${token}`;
  }

  /** Whose feed a token opens; throws SignedTokenError for a forged, altered or expired token. */
  async verify(token: string, now?: Date): Promise<FeedClaims> {
    const claims = await this.tokens.verify<Partial<FeedClaims>>(PURPOSE, token, now);
    return { tenant: String(claims.tenant), userId: String(claims.userId) };
  }

  /** The feed's text (`text/calendar`) for the acting tenant's technician. */
  async render(userId: string, range: FeedRange = {}): Promise<string> {
    const now = range.now ?? actionTime();
    const from = new Date(now.getTime() - (range.pastDays ?? 30) * DAY_MS);
    const to = new Date(now.getTime() + (range.futureDays ?? 180) * DAY_MS);
    const calendar = ical({
      name: 'Appointments',
      prodId: { company: 'workflow-events', product: 'scheduling', language: 'EN' },
      timezone: { name: null, generator: getVtimezoneComponent },
      ttl: 15 * 60,
    });
    for (const a of await this.appointments.ofUser(userId, from, to)) calendar.createEvent({ ...this.times(a), ...appointmentEvent(a), stamp: now });
    for (const b of await this.blocks.ofOwner({ id: userId, type: 'user' }, from, to)) calendar.createEvent({ ...this.times(b), ...blockEvent(b), stamp: now });
    return calendar.toString();
  }

  private times(w: { startAt: Date; endAt: Date; timezone: string }) {
    const exact = isRepeatedLocalTime(w.startAt, w.timezone) || isRepeatedLocalTime(w.endAt, w.timezone);
    return exact
      ? { start: w.startAt, end: w.endAt, timezone: null }
      : { start: DateTime.fromJSDate(w.startAt, { zone: w.timezone }), end: DateTime.fromJSDate(w.endAt, { zone: w.timezone }), timezone: w.timezone };
  }
}

const appointmentEvent = (a: Appointment) => ({
  id: `appointment-${a.id}@workflow-events`,
  sequence: a.rescheduleCount,
  summary: a.title,
  location: a.location,
  description: [a.ticketId && `Ticket ${a.ticketId}`, a.status !== 'scheduled' && `Status: ${a.status.replace('_', '-')}`, a.outcome].filter(Boolean).join('\n') || undefined,
  status: ICalEventStatus.CONFIRMED,
  busystatus: ICalEventBusyStatus.BUSY,
  created: a.createdAt,
  lastModified: a.updatedAt,
});

const blockEvent = (b: ScheduleBlock) => ({
  id: `block-${b.id}@workflow-events`,
  summary: b.reason ?? 'Busy',
  class: ICalEventClass.PRIVATE,
  transparency: ICalEventTransparency.OPAQUE,
  busystatus: ICalEventBusyStatus.BUSY,
  created: b.createdAt,
  lastModified: b.createdAt,
});
