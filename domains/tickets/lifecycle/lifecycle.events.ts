import { ChangesField, DateTimeField, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { FieldChanges } from '../ticket';
import { ActingUser, TicketEditPayload, TicketFieldChangesPayload, TicketReasonedPayload } from '../ticket-payloads';
import { tickets } from '../module';

@tickets.event({
  type: 'TICKET_CREATED',
  name: 'Ticket Created',
  description:
    'A new ticket was opened (by staff, the client portal, email or a split). `changes` lists its initial values ' +
    '(title, clientId, boardId, statusId, priorityId, …) with previous null, so workflows can route it without a lookup.',
})
export class TicketCreatedPayload extends TicketFieldChangesPayload {
  @UpdatedFieldsField({ optional: true, description: 'Dot-paths of the fields set at creation', example: ['title', 'clientId', 'boardId', 'statusId', 'priorityId'] })
  override updatedFields?: string[];

  @ChangesField({
    optional: true,
    description: 'Initial value of each field set at creation (previous is null)',
    example: {
      title: { previous: null, new: 'Email down for the whole office' },
      clientId: { previous: null, new: '2c6f8a0e-4b1d-4f3a-9c5e-7a9b1d3f5e70' },
      boardId: { previous: null, new: '8e0a2c4e-6f1b-4d3a-b5c7-e9f1a3c5e7a9' },
      statusId: { previous: null, new: '4a6c8e0a-2c4e-4f1b-8d3a-5c7e9a1c3e5b' },
      priorityId: { previous: null, new: '9a3c1f0e-5b7d-4c2a-8e61-2f4b6d8a0c13' },
    },
  })
  override changes?: FieldChanges;

  @UuidField({ optional: true, description: 'Internal user who opened the ticket; absent when a client contact opened it' })
  createdByUserId?: string;

  @DateTimeField({ optional: true }) createdAt?: string;
}

@tickets.event({
  type: 'TICKET_UPDATED',
  name: 'Ticket Updated',
  description:
    'One or more fields of a ticket were edited in a single save; `changes` holds each field\'s previous and new value. ' +
    'Status, priority, assignment, board and tag changes in the same save also emit their own specific events.',
})
export class TicketUpdatedPayload extends TicketEditPayload {
  @UuidField({ optional: true, description: 'Internal user who saved the edit' }) updatedByUserId?: string;
}

@tickets.event({
  type: 'TICKET_CLOSED',
  name: 'Ticket Closed',
  description:
    'A ticket was moved from an open status into a closed one (resolved, or merged into another ticket). ' +
    'Emitted beside TICKET_STATUS_CHANGED; use it to send satisfaction surveys or stop follow-ups.',
})
export class TicketClosedPayload extends TicketEditPayload {
  @UuidField({ optional: true, description: 'Internal user who closed the ticket' }) closedByUserId?: string;
  @DateTimeField({ optional: true }) closedAt?: string;
  @StringField({ optional: true, description: 'Why the ticket was closed, e.g. "Merged into T-000042"', examples: ['Client confirmed the fix works', 'Merged into T-000042'] })
  reason?: string;

  @UpdatedFieldsField({ optional: true, description: 'Dot-paths of the fields that changed, e.g. statusId, assignee.id, tagIds', example: ['statusId'] })
  override updatedFields?: string[];

  @ChangesField({
    optional: true,
    description: 'Previous and new value of each changed dot-path; null means unset',
    example: { statusId: { previous: '4a6c8e0a-2c4e-4f1b-8d3a-5c7e9a1c3e5b', new: '6c8e0a2c-4e6f-4b1d-a3c5-7e9a1c3e5b7d' } },
  })
  override changes?: FieldChanges;
}

/** From one ticket status to another. */
abstract class TicketStatusTransitionPayload extends TicketReasonedPayload {
  @UuidField() previousStatusId!: string;
  @UuidField() newStatusId!: string;
}

@tickets.event({
  type: 'TICKET_STATUS_CHANGED',
  name: 'Ticket Status Changed',
  description:
    'A ticket moved from one status to another (e.g. New → In Progress). Closing and reopening also emit ' +
    'TICKET_CLOSED or TICKET_REOPENED beside it.',
})
export class TicketStatusChangedPayload extends TicketStatusTransitionPayload {
  @ActingUser() override actorUserId!: string;
  @DateTimeField() changedAt!: string;
}

@tickets.event({
  type: 'TICKET_REOPENED',
  name: 'Ticket Reopened',
  description: 'A closed ticket was put back into an open status, for example because the client reported the issue again.',
})
export class TicketReopenedPayload extends TicketStatusTransitionPayload {
  @ActingUser() override actorUserId!: string;
  @DateTimeField() reopenedAt!: string;
}

@tickets.event({
  type: 'TICKET_PRIORITY_CHANGED',
  name: 'Ticket Priority Changed',
  description: 'Staff raised or lowered the priority of a ticket; the SLA targets already running keep their policy.',
})
export class TicketPriorityChangedPayload extends TicketReasonedPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField() previousPriorityId!: string;
  @UuidField() newPriorityId!: string;
  @DateTimeField() changedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_CREATED: TicketCreatedPayload;
    TICKET_UPDATED: TicketUpdatedPayload;
    TICKET_CLOSED: TicketClosedPayload;
    TICKET_STATUS_CHANGED: TicketStatusChangedPayload;
    TICKET_REOPENED: TicketReopenedPayload;
    TICKET_PRIORITY_CHANGED: TicketPriorityChangedPayload;
  }
}
