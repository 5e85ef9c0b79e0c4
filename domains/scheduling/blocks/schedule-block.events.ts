import { DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { ActingUser } from '../acting-user';
import { AssigneeType, ASSIGNEE_TYPES } from '../appointments/appointment';
import { scheduling } from '../module';

@scheduling.event({
  type: 'SCHEDULE_BLOCK_CREATED',
  name: 'Schedule Block Created',
  description:
    'Time was reserved on a user or team calendar for something other than a client appointment (time off, training, ' +
    'internal work). Appointments of that owner may not overlap it unless booked with force. Client visits are ' +
    'APPOINTMENT_CREATED instead.',
})
export class ScheduleBlockCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The block' }) scheduleBlockId!: string;
  @UuidField({ description: 'User or team whose calendar the block is on' }) ownerId!: string;
  @EnumField(ASSIGNEE_TYPES, { description: 'Whether ownerId is a user or a team' }) ownerType!: AssigneeType;
  @DateTimeField({ description: 'Start of the block (UTC)' }) startAt!: string;
  @DateTimeField({ description: 'End of the block (UTC), after startAt' }) endAt!: string;
  @StringField({ description: 'IANA zone the block was entered in', examples: ['America/New_York', 'Europe/Berlin', 'Australia/Sydney'] }) timezone!: string;
  @ActingUser('User who reserved the time') override actorUserId!: string;
  @DateTimeField({ description: 'When the block was created' }) createdAt!: string;
  @StringField({ optional: true, description: 'What the time is reserved for, as given', examples: ['Vacation', 'Vendor training'] }) reason?: string;
}

@scheduling.event({
  type: 'SCHEDULE_BLOCK_DELETED',
  name: 'Schedule Block Deleted',
  description: 'A schedule block was removed and its time is free for appointments again. Emitted once per block.',
})
export class ScheduleBlockDeletedPayload extends DomainPayload {
  @UuidField({ description: 'The block' }) scheduleBlockId!: string;
  @ActingUser('User who removed the block') override actorUserId!: string;
  @DateTimeField({ description: 'When it was removed' }) deletedAt!: string;
  @StringField({ optional: true, description: 'Why it was removed, as given', examples: ['Training moved to next week'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    SCHEDULE_BLOCK_CREATED: ScheduleBlockCreatedPayload;
    SCHEDULE_BLOCK_DELETED: ScheduleBlockDeletedPayload;
  }
}
