import { DomainPayload, JsonField, UuidField } from '../../../lib/kit';
import { scheduling } from '../module';
import { EntryChanges } from './schedule-entry';

/**
 * The older calendar-row notices. An appointment's schedule entry is the calendar row beneath it
 * and shares its id; each notice is emitted beside the APPOINTMENT_* event of the same action,
 * with its own older shape. New consumers subscribe to the APPOINTMENT_* events.
 */
abstract class ScheduleEntryPayload extends DomainPayload {
  @UuidField({ description: 'The calendar entry; the same id as the appointment it belongs to' }) entryId!: string;
  @UuidField({ description: 'User who made the change' }) userId!: string;
  @JsonField({ optional: true, description: 'Entry fields set or changed, as { field: { previous, new } } (startAt, endAt, timezone, assigneeId, assigneeType, title, location); previous is null on creation' })
  changes?: EntryChanges;
}

@scheduling.event({
  type: 'SCHEDULE_ENTRY_CREATED',
  name: 'Schedule Entry Created',
  description:
    'Legacy: a calendar entry was added because an appointment was booked. Emitted beside APPOINTMENT_CREATED from the ' +
    'same action; subscribe to APPOINTMENT_CREATED instead (consumers are not aliased automatically).',
  status: 'legacy',
  supersededBy: ['APPOINTMENT_CREATED'],
  subject: 'entryId',
})
export class ScheduleEntryCreatedPayload extends ScheduleEntryPayload {}

@scheduling.event({
  type: 'SCHEDULE_ENTRY_UPDATED',
  name: 'Schedule Entry Updated',
  description:
    'Legacy: a calendar entry moved in time (beside APPOINTMENT_RESCHEDULED) or to another calendar (beside ' +
    'APPOINTMENT_ASSIGNED, on a hand-over). `changes` lists what moved. Subscribe to the APPOINTMENT_* events instead.',
  status: 'legacy',
  supersededBy: ['APPOINTMENT_RESCHEDULED'],
  subject: 'entryId',
})
export class ScheduleEntryUpdatedPayload extends ScheduleEntryPayload {}

@scheduling.event({
  type: 'SCHEDULE_ENTRY_DELETED',
  name: 'Schedule Entry Deleted',
  description:
    'Legacy: a calendar entry was removed because its appointment was canceled. Emitted beside APPOINTMENT_CANCELED ' +
    'from the same action; subscribe to APPOINTMENT_CANCELED instead.',
  status: 'legacy',
  supersededBy: ['APPOINTMENT_CANCELED'],
  subject: 'entryId',
})
export class ScheduleEntryDeletedPayload extends ScheduleEntryPayload {}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    SCHEDULE_ENTRY_CREATED: ScheduleEntryCreatedPayload;
    SCHEDULE_ENTRY_UPDATED: ScheduleEntryUpdatedPayload;
    SCHEDULE_ENTRY_DELETED: ScheduleEntryDeletedPayload;
  }
}
