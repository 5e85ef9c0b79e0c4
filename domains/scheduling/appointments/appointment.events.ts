import { DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { ActingUser } from '../acting-user';
import { scheduling } from '../module';
import { AssigneeType, ASSIGNEE_TYPES, NoShowParty, NO_SHOW_PARTIES } from './appointment';

/** The fields every appointment event carries. */
abstract class AppointmentPayload extends DomainPayload {
  @UuidField({ description: 'The appointment' }) appointmentId!: string;
  @UuidField({ optional: true, description: 'The ticket the visit is for, when it was booked for one' }) ticketId?: string;
}

@scheduling.event({
  type: 'APPOINTMENT_CREATED',
  name: 'Appointment Created',
  description:
    'A client-facing appointment (a visit or call, often for a ticket) was booked. Times are UTC instants; `timezone` is ' +
    'the IANA zone it was booked in, which gives them their wall-clock meaning. The legacy SCHEDULE_ENTRY_CREATED is ' +
    'emitted beside it; an assignee given at booking also gets APPOINTMENT_ASSIGNED. Internal time off is ' +
    'SCHEDULE_BLOCK_CREATED instead.',
})
export class AppointmentCreatedPayload extends AppointmentPayload {
  @DateTimeField({ description: 'Start of the appointment (UTC)' }) startAt!: string;
  @DateTimeField({ description: 'End of the appointment (UTC), after startAt' }) endAt!: string;
  @StringField({ description: 'IANA zone the appointment was booked in, e.g. America/New_York', examples: ['America/New_York', 'Europe/Berlin', 'Australia/Sydney'] }) timezone!: string;
  @UuidField({ optional: true, description: 'User or team the appointment is booked for' }) assigneeId?: string;
  @EnumField(ASSIGNEE_TYPES, { optional: true, description: 'Whether assigneeId is a user or a team' }) assigneeType?: AssigneeType;
  @UuidField({ description: 'User who booked it' }) createdByUserId!: string;
  @DateTimeField({ description: 'When it was booked' }) createdAt!: string;
  @StringField({ optional: true, description: 'Where the visit takes place (free text address or room)', examples: ['12 Main St, Springfield', 'Meeting room 2, head office'] }) location?: string;
}

@scheduling.event({
  type: 'APPOINTMENT_RESCHEDULED',
  name: 'Appointment Rescheduled',
  description:
    'A scheduled appointment was moved: its start, end or zone changed (a save to the same window emits nothing). ' +
    'Carries the previous and the new window as UTC instants. The legacy SCHEDULE_ENTRY_UPDATED is emitted beside it. ' +
    'A change of assignee is APPOINTMENT_ASSIGNED.',
})
export class AppointmentRescheduledPayload extends AppointmentPayload {
  @DateTimeField({ description: 'Start before the move (UTC)' }) previousStartAt!: string;
  @DateTimeField({ description: 'End before the move (UTC)' }) previousEndAt!: string;
  @DateTimeField({ description: 'Start after the move (UTC)' }) newStartAt!: string;
  @DateTimeField({ description: 'End after the move (UTC)' }) newEndAt!: string;
  @StringField({ description: 'IANA zone of the new window', examples: ['America/New_York', 'Europe/Berlin', 'Australia/Sydney'] }) timezone!: string;
  @ActingUser('User who moved it') override actorUserId!: string;
  @DateTimeField({ description: 'When it was moved' }) rescheduledAt!: string;
  @StringField({ optional: true, description: 'Why it was moved, as given', examples: ['Customer asked for Monday', 'Technician off sick'] }) reason?: string;
}

@scheduling.event({
  type: 'APPOINTMENT_CANCELED',
  name: 'Appointment Canceled',
  description:
    'A scheduled appointment was called off before it took place; its time is free again. Final: a canceled appointment ' +
    'cannot be moved, completed or marked a no-show. The legacy SCHEDULE_ENTRY_DELETED is emitted beside it. A party ' +
    'that simply did not turn up is APPOINTMENT_NO_SHOW.',
})
export class AppointmentCanceledPayload extends AppointmentPayload {
  @ActingUser('User who canceled it') override actorUserId!: string;
  @DateTimeField({ description: 'When it was canceled' }) canceledAt!: string;
  @StringField({ optional: true, description: 'Why it was canceled, as given', examples: ['Fixed remotely', 'Office closed for the holidays'] }) reason?: string;
}

@scheduling.event({
  type: 'APPOINTMENT_COMPLETED',
  name: 'Appointment Completed',
  description:
    'A scheduled appointment was recorded as done. Final. For on-site work the technician checks out first ' +
    '(TECHNICIAN_CHECKED_OUT); completing is refused while a technician is en route or on site.',
})
export class AppointmentCompletedPayload extends AppointmentPayload {
  @ActingUser('User who recorded it as done') override actorUserId!: string;
  @DateTimeField({ description: 'When it was recorded as done' }) completedAt!: string;
  @StringField({ optional: true, description: 'What came of it, as recorded', examples: ['Fixed on site', 'Parts ordered, follow-up visit needed'] }) outcome?: string;
}

@scheduling.event({
  type: 'APPOINTMENT_NO_SHOW',
  name: 'Appointment No-Show',
  description:
    'An appointment did not take place because one party failed to attend: the customer (nobody on site, or not on the ' +
    'call) or the agent (the technician never came). Only once the appointment has started; final. A visit called off ' +
    'in advance is APPOINTMENT_CANCELED.',
})
export class AppointmentNoShowPayload extends AppointmentPayload {
  @ActingUser('User who recorded the no-show') override actorUserId!: string;
  @DateTimeField({ description: 'When the no-show was recorded' }) markedAt!: string;
  @EnumField(NO_SHOW_PARTIES, { description: 'Who failed to attend: customer or agent' }) party!: NoShowParty;
}

@scheduling.event({
  type: 'APPOINTMENT_ASSIGNED',
  name: 'Appointment Assigned',
  description:
    'An appointment was given to a user or team: at booking (no previous assignee) or handed over from another one. ' +
    'Assigning it to whoever already has it emits nothing. The legacy SCHEDULE_ENTRY_UPDATED is emitted beside a hand-over.',
})
export class AppointmentAssignedPayload extends AppointmentPayload {
  @UuidField({ optional: true, description: 'User or team that had it; absent at booking' }) previousAssigneeId?: string;
  @EnumField(ASSIGNEE_TYPES, { optional: true, description: 'Whether previousAssigneeId is a user or a team' }) previousAssigneeType?: AssigneeType;
  @UuidField({ description: 'User or team that has it now' }) newAssigneeId!: string;
  @EnumField(ASSIGNEE_TYPES, { description: 'Whether newAssigneeId is a user or a team' }) newAssigneeType!: AssigneeType;
  @ActingUser('User who assigned it') override actorUserId!: string;
  @DateTimeField({ description: 'When it was assigned' }) assignedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    APPOINTMENT_CREATED: AppointmentCreatedPayload;
    APPOINTMENT_RESCHEDULED: AppointmentRescheduledPayload;
    APPOINTMENT_CANCELED: AppointmentCanceledPayload;
    APPOINTMENT_COMPLETED: AppointmentCompletedPayload;
    APPOINTMENT_NO_SHOW: AppointmentNoShowPayload;
    APPOINTMENT_ASSIGNED: AppointmentAssignedPayload;
  }
}
