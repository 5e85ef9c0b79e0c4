import { DateTimeField, EnumField, UuidArrayField, UuidField } from '../../../lib/kit';
import { ASSIGNEE_TYPES, AssigneeType } from '../ticket';
import { ActingUser, TicketPayload, TicketReasonedPayload } from '../ticket-payloads';
import { tickets } from '../module';

@tickets.event({
  type: 'TICKET_ASSIGNED',
  name: 'Ticket Assigned',
  description:
    'A ticket was given to a technician or a team. When it replaces an earlier owner, the previous assignee is included, ' +
    'so a workflow can notify both.',
})
export class TicketAssignedPayload extends TicketPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ optional: true, description: 'Owner before the assignment; absent when the ticket was unassigned' })
  previousAssigneeId?: string;

  @EnumField(ASSIGNEE_TYPES, { optional: true }) previousAssigneeType?: AssigneeType;
  @UuidField({ description: 'User or team that now owns the ticket' }) newAssigneeId!: string;
  @EnumField(ASSIGNEE_TYPES) newAssigneeType!: AssigneeType;
  @DateTimeField() assignedAt!: string;
}

@tickets.event({
  type: 'TICKET_UNASSIGNED',
  name: 'Ticket Unassigned',
  description: 'A ticket lost its technician or team owner and is back in its board\'s unassigned queue.',
})
export class TicketUnassignedPayload extends TicketReasonedPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ description: 'User or team that owned the ticket' }) previousAssigneeId!: string;
  @EnumField(ASSIGNEE_TYPES) previousAssigneeType!: AssigneeType;
  @DateTimeField() unassignedAt!: string;
}

@tickets.event({
  type: 'TICKET_QUEUE_CHANGED',
  name: 'Ticket Queue/Board Changed',
  description: 'A ticket was moved to a different board (service queue). Moves to a higher-tier board also emit TICKET_ESCALATED.',
})
export class TicketQueueChangedPayload extends TicketPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ optional: true }) previousBoardId?: string;
  @UuidField({ optional: true }) newBoardId?: string;
  @DateTimeField() changedAt!: string;
}

@tickets.event({
  type: 'TICKET_ESCALATED',
  name: 'Ticket Escalated',
  description:
    'A ticket was pushed up: its escalation level rose, or it moved to a board of a higher support tier. ' +
    'The queue ids are the board before and after (equal when only the level rose).',
})
export class TicketEscalatedPayload extends TicketReasonedPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ optional: true, description: 'Board the ticket was on before the escalation' }) fromQueueId?: string;
  @UuidField({ optional: true, description: 'Board the ticket is on after the escalation' }) toQueueId?: string;
  @DateTimeField() escalatedAt!: string;
}

@tickets.event({
  type: 'TICKET_TAGS_CHANGED',
  name: 'Ticket Tags Changed',
  description: 'Tags were added to or removed from a ticket in one save; only the difference is listed.',
})
export class TicketTagsChangedPayload extends TicketPayload {
  @ActingUser() override actorUserId!: string;
  @UuidArrayField({ optional: true }) addedTagIds?: string[];
  @UuidArrayField({ optional: true }) removedTagIds?: string[];
  @DateTimeField() changedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_ASSIGNED: TicketAssignedPayload;
    TICKET_UNASSIGNED: TicketUnassignedPayload;
    TICKET_QUEUE_CHANGED: TicketQueueChangedPayload;
    TICKET_ESCALATED: TicketEscalatedPayload;
    TICKET_TAGS_CHANGED: TicketTagsChangedPayload;
  }
}
