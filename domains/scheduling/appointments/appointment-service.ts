import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { appointmentClaim, CalendarGuard } from '../calendar/calendar-guard';
import { CapacityLedger } from '../capacity/capacity-ledger';
import { capacityReached } from '../capacity/capacity-mappers';
import { VisitRepository } from '../dispatch/visit-repository';
import { resolveWindow } from '../time/time-window';
import { Appointment, AppointmentChange, Assignee } from './appointment';
import { AppointmentClientPolicy } from './appointment-client-policy';
import { AppointmentStateError } from './appointment-errors';
import { SchedulingInputError } from '../scheduling-input-error';
import { AssignOptions, BookAppointmentInput, capacityTeam, checkAssignee, checkBooking, optionalText, RescheduleInput } from './appointment-input';
import { appointmentAssigned, appointmentCreated, appointmentRescheduled } from './appointment-mappers';
import { AppointmentRepository } from './appointment-repository';
import { entryCreated, entryUpdated } from './schedule-entry-mappers';
import { TicketLink } from './ticket-link';

const span = (a: Appointment) => ({ teamId: a.teamId, startAt: a.startAt, endAt: a.endAt });

/** Booking appointments, moving them and handing them over; each keeps calendars free of clashes and counts team capacity. */
@injectable()
export class AppointmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly appointments: AppointmentRepository,
    private readonly calendars: CalendarGuard,
    private readonly capacity: CapacityLedger,
    private readonly visits: VisitRepository,
    private readonly tickets: TicketLink,
    private readonly clients: AppointmentClientPolicy,
  ) {}

  /**
   * Books an appointment. Refused (nothing written) on bad input, an unknown or closed ticket, a
   * client the AppointmentClientPolicy refuses, or an overlap with the assignee's appointments or
   * blocks unless `force`.
   */
  @EmitsEvent('APPOINTMENT_CREATED', appointmentCreated)
  @EmitsEvent('SCHEDULE_ENTRY_CREATED', entryCreated)
  @EmitsEvent('APPOINTMENT_ASSIGNED', appointmentAssigned)
  @EmitsEvent('CAPACITY_THRESHOLD_REACHED', capacityReached)
  async book(input: BookAppointmentInput): Promise<AppointmentChange> {
    const tenant = currentTenant('AppointmentService.book');
    const actorUserId = requireStaff('AppointmentService.book');
    const booking = checkBooking(input);
    const { clientId } = input.ticketId ? await this.tickets.check(input.ticketId, input.clientId) : { clientId: input.clientId };
    // The client rule (e.g. CRM refusing an archived client) comes from whoever provides the port.
    if (clientId) await this.clients.assertCanBook(clientId);
    await this.calendars.claim(booking.window, appointmentClaim(booking.assignee, booking.teamId, { force: input.force }));
    const at = actionTime();
    const id = uuidv4();
    await this.uow.db('appointments').insert({
      appointment_id: id,
      tenant,
      title: booking.title,
      ticket_id: input.ticketId ?? null,
      client_id: clientId ?? null,
      location: booking.location ?? null,
      start_at: booking.window.startAt,
      end_at: booking.window.endAt,
      timezone: booking.window.timezone,
      assignee_type: booking.assignee?.type ?? null,
      assignee_id: booking.assignee?.id ?? null,
      team_id: booking.teamId ?? null,
      status: 'scheduled',
      reschedule_count: 0,
      created_by_user_id: actorUserId,
      created_at: at,
      updated_at: at,
    });
    const after = await this.appointments.get(id);
    return { after, at, actorUserId, capacity: await this.capacity.recount([span(after)], at) };
  }

  /**
   * Moves a scheduled appointment. `start`/`end` are read in `timezone` (default: the zone it
   * was booked in), so "09:00" stays 09:00 on the wall clock across a daylight-saving change;
   * without `end` the length is kept. A move to the same window changes nothing and emits nothing.
   */
  @EmitsEvent('APPOINTMENT_RESCHEDULED', appointmentRescheduled)
  @EmitsEvent('SCHEDULE_ENTRY_UPDATED', entryUpdated)
  @EmitsEvent('CAPACITY_THRESHOLD_REACHED', capacityReached)
  async reschedule(appointmentId: string, input: RescheduleInput): Promise<AppointmentChange> {
    const tenant = currentTenant('AppointmentService.reschedule');
    const actorUserId = requireStaff('AppointmentService.reschedule');
    if (!input || typeof input !== 'object') throw new SchedulingInputError('input', 'must be an object');
    const reason = optionalText('reason', input.reason, 1000);
    const before = await this.appointments.getScheduled(appointmentId, 'reschedule');
    await this.refuseInTheField(before, 'reschedule');
    const window = resolveWindow({ start: input.start, end: input.end, timezone: input.timezone ?? before.timezone }, before.endAt.getTime() - before.startAt.getTime());
    const at = actionTime();
    const unchanged: AppointmentChange = { before, after: before, at, actorUserId, reason, capacity: [] };
    if (window.startAt.getTime() === before.startAt.getTime() && window.endAt.getTime() === before.endAt.getTime() && window.timezone === before.timezone) return unchanged;

    await this.calendars.claim(window, appointmentClaim(before.assignee, before.teamId, { exceptAppointmentId: appointmentId, force: input.force }));
    await this.uow
      .db('appointments')
      .where({ appointment_id: appointmentId, tenant, status: 'scheduled' })
      .update({ start_at: window.startAt, end_at: window.endAt, timezone: window.timezone, reschedule_count: before.rescheduleCount + 1, updated_at: at });
    const after = await this.appointments.get(appointmentId);
    return { ...unchanged, after, capacity: await this.capacity.recount([span(before), span(after)], at) };
  }

  /**
   * Gives a scheduled appointment to a user or team. Handing it to whoever has it already
   * changes nothing; a user who is busy then is refused unless `force`.
   */
  @EmitsEvent('APPOINTMENT_ASSIGNED', appointmentAssigned)
  @EmitsEvent('SCHEDULE_ENTRY_UPDATED', entryUpdated)
  @EmitsEvent('CAPACITY_THRESHOLD_REACHED', capacityReached)
  async assign(appointmentId: string, assignee: Assignee, options: AssignOptions = {}): Promise<AppointmentChange> {
    const tenant = currentTenant('AppointmentService.assign');
    const actorUserId = requireStaff('AppointmentService.assign');
    const next = checkAssignee('assignee', assignee);
    const before = await this.appointments.getScheduled(appointmentId, 'assign');
    const teamId = capacityTeam(next, options.teamId, before.teamId);
    const at = actionTime();
    const unchanged: AppointmentChange = { before, after: before, at, actorUserId, capacity: [] };
    if (before.assignee?.id === next.id && before.assignee.type === next.type && before.teamId === teamId) return unchanged;
    await this.refuseInTheField(before, 'reassign');

    await this.calendars.claim(before, appointmentClaim(next, teamId, { exceptAppointmentId: appointmentId, force: options.force }));
    await this.uow
      .db('appointments')
      .where({ appointment_id: appointmentId, tenant, status: 'scheduled' })
      .update({ assignee_type: next.type, assignee_id: next.id, team_id: teamId ?? null, updated_at: at });
    const after = await this.appointments.get(appointmentId);
    return { ...unchanged, after, capacity: await this.capacity.recount([span(before), span(after)], at) };
  }

  get(appointmentId: string): Promise<Appointment> {
    return this.appointments.get(appointmentId);
  }

  /** Once a technician is dispatched the visit is under way: its time and technician stay put. */
  private async refuseInTheField(a: Appointment, action: string): Promise<void> {
    const visit = await this.visits.find(a.id);
    if (visit) throw new AppointmentStateError(a.id, a.status, action, `technician ${visit.technicianUserId} was dispatched (visit ${visit.state.replace('_', ' ')})`);
  }
}
