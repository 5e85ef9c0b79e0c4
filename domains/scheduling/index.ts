import 'reflect-metadata';
import { ticketsModule } from '../tickets';
import { AnyClientMayBeBooked, AppointmentClientPolicy } from './appointments/appointment-client-policy';
import { AppointmentOutcomeService } from './appointments/appointment-outcome-service';
import { AppointmentRepository } from './appointments/appointment-repository';
import { AppointmentService } from './appointments/appointment-service';
import { appointmentsMigration } from './appointments/appointment.migration';
import { TicketLink } from './appointments/ticket-link';
import { ScheduleBlockService } from './blocks/schedule-block-service';
import { scheduleBlocksMigration } from './blocks/schedule-block.migration';
import { CalendarGuard } from './calendar/calendar-guard';
import { calendarsMigration } from './calendar/calendar.migration';
import { CapacityLedger } from './capacity/capacity-ledger';
import { CapacityService } from './capacity/capacity-service';
import { capacityMigration } from './capacity/capacity.migration';
import { DispatchService } from './dispatch/dispatch-service';
import { VisitRepository } from './dispatch/visit-repository';
import { visitsMigration } from './dispatch/visit.migration';
import { CalendarFeedService } from './feed/calendar-feed-service';
import { schedulingDemo } from './demo';
import { scheduling } from './module';
import { schedulingRoutes } from './routes';

/** The scheduling module's public surface: other modules and applications import only this file. */
export * from './appointments/appointment.events';
export * from './appointments/schedule-entry.events';
export * from './blocks/schedule-block.events';
export * from './capacity/capacity.events';
export * from './dispatch/dispatch.events';
export * from './appointments/appointment';
export * from './blocks/schedule-block';
export * from './capacity/capacity';
export * from './dispatch/visit';
export { TimeWindow, TimeWindowInput } from './time/time-window';
export { BookAppointmentInput, RescheduleInput, AssignOptions } from './appointments/appointment-input';
export { SchedulingInputError } from './scheduling-input-error';
export { SchedulingTimeError, NonexistentLocalTimeError } from './time/time-errors';
export { AppointmentNotFoundError, AppointmentStateError } from './appointments/appointment-errors';
export { ScheduleBlockNotFoundError } from './blocks/schedule-block-errors';
export { ScheduleConflictError, Clash } from './calendar/calendar-errors';
export { VisitStateError } from './dispatch/dispatch-errors';
export { AppointmentService } from './appointments/appointment-service';
export { AppointmentClientPolicy } from './appointments/appointment-client-policy';
export { AppointmentOutcomeService } from './appointments/appointment-outcome-service';
export { ScheduleBlockService } from './blocks/schedule-block-service';
export { CapacityService } from './capacity/capacity-service';
export { DispatchService } from './dispatch/dispatch-service';
export { CalendarFeedService, FeedClaims, FeedRange } from './feed/calendar-feed-service';

export const schedulingModule = scheduling.define({
  dependsOn: [ticketsModule],
  services: [
    AppointmentRepository,
    VisitRepository,
    CalendarGuard,
    CapacityLedger,
    TicketLink,
    AppointmentService,
    AppointmentOutcomeService,
    ScheduleBlockService,
    CapacityService,
    DispatchService,
    CalendarFeedService,
  ],
  provides: [{ token: AppointmentClientPolicy, useClass: AnyClientMayBeBooked }],
  migrations: [calendarsMigration, appointmentsMigration, scheduleBlocksMigration, capacityMigration, visitsMigration],
  tables: ['scheduling_calendars', 'appointments', 'schedule_blocks', 'scheduling_team_capacity', 'scheduling_capacity_days', 'appointment_visits'],
  routes: schedulingRoutes,
  demo: schedulingDemo,
});
