import { CountField, DateTimeField, EnumField, UuidField } from '../../../lib/kit';
import {
  MESSAGE_AUTHOR_TYPES,
  MESSAGE_CHANNELS,
  MESSAGE_VISIBILITIES,
  MessageAuthorType,
  MessageChannel,
  MessageVisibility,
  RESPONSE_STATES,
  ResponseState,
} from '../ticket';
import { ActingUser, TicketPayload } from '../ticket-payloads';
import { tickets } from '../module';

/** A message on a ticket and the channel it came through. */
abstract class TicketMessagePayload extends TicketPayload {
  @UuidField() messageId!: string;
  @EnumField(MESSAGE_CHANNELS, { description: 'How the message arrived: email, client portal, staff UI or API', examples: ['email', 'portal'] })
  channel!: MessageChannel;
  @CountField({ optional: true }) attachmentsCount?: number;
}

@tickets.event({
  type: 'TICKET_MESSAGE_ADDED',
  name: 'Ticket Message Added',
  description:
    'Any message was posted on a ticket: a staff reply, a client reply or an internal note, from any channel. ' +
    'Client replies and internal notes also emit their own more specific events.',
})
export class TicketMessageAddedPayload extends TicketMessagePayload {
  @EnumField(MESSAGE_VISIBILITIES, { description: 'public: visible to the client; internal: staff only', example: 'public' }) visibility!: MessageVisibility;
  @UuidField({ description: 'Internal user or client contact who wrote the message' }) authorId!: string;
  // Paired with `channel`'s examples: a technician answering by email, a contact writing in the portal.
  @EnumField(MESSAGE_AUTHOR_TYPES, { examples: ['user', 'contact'] }) authorType!: MessageAuthorType;
  @DateTimeField() createdAt!: string;
}

@tickets.event({
  type: 'TICKET_CUSTOMER_REPLIED',
  name: 'Ticket Customer Replied',
  description:
    'A client contact replied on a ticket (by email or in the portal); the ticket is now waiting on staff. ' +
    'Typical use: notify the assignee or reopen a pending ticket.',
})
export class TicketCustomerRepliedPayload extends TicketMessagePayload {
  @UuidField({ description: 'Client contact who replied' }) contactId!: string;
  @DateTimeField() receivedAt!: string;
}

@tickets.event({
  type: 'TICKET_INTERNAL_NOTE_ADDED',
  name: 'Ticket Internal Note Added',
  description: 'A technician recorded a staff-only note on a ticket; the client never sees it and no SLA clock is affected.',
})
export class TicketInternalNoteAddedPayload extends TicketPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ description: 'Message id of the note' }) noteId!: string;
  @DateTimeField() createdAt!: string;
}

@tickets.event({
  type: 'TICKET_RESPONSE_STATE_CHANGED',
  name: 'Ticket Response State Changed',
  description:
    'The ball changed sides: a client reply makes the ticket awaiting_internal (staff owe an answer), a public staff ' +
    'reply makes it awaiting_client.',
})
export class TicketResponseStateChangedPayload extends TicketPayload {
  @EnumField(RESPONSE_STATES, { optional: true, description: 'Absent when the ticket had no response state yet', examples: ['awaiting_client', 'awaiting_internal'] })
  previousResponseState?: ResponseState;

  @EnumField(RESPONSE_STATES, { optional: true, examples: ['awaiting_internal', 'awaiting_client'] }) newResponseState?: ResponseState;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_MESSAGE_ADDED: TicketMessageAddedPayload;
    TICKET_CUSTOMER_REPLIED: TicketCustomerRepliedPayload;
    TICKET_INTERNAL_NOTE_ADDED: TicketInternalNoteAddedPayload;
    TICKET_RESPONSE_STATE_CHANGED: TicketResponseStateChangedPayload;
  }
}
