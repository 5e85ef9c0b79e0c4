import { DateTimeField, DomainPayload, StringField, UuidArrayField, UuidField } from '../../../lib/kit';
import { ActingUser } from '../ticket-payloads';
import { tickets } from '../module';

/** Merge and split act on several tickets, so they name them instead of a single ticketId. */
abstract class TicketRestructurePayload extends DomainPayload {
  @StringField({ optional: true, description: 'Reason the user gave, if any', examples: ['Same outage reported by two people', 'Two separate issues in one email'] })
  reason?: string;
}

@tickets.event({
  type: 'TICKET_MERGED',
  name: 'Ticket Merged',
  description:
    'A duplicate ticket was folded into another: the source is closed (emitting TICKET_CLOSED) and its messages now ' +
    'belong to the target ticket.',
})
export class TicketMergedPayload extends TicketRestructurePayload {
  @ActingUser() override actorUserId!: string;
  @UuidField({ description: 'Ticket that was closed and folded in' }) sourceTicketId!: string;
  @UuidField({ description: 'Ticket that now holds the conversation' }) targetTicketId!: string;
  @DateTimeField() mergedAt!: string;
}

@tickets.event({
  type: 'TICKET_SPLIT',
  name: 'Ticket Split',
  description:
    'Messages of one ticket were moved out into new tickets, one per separate issue. Each new ticket also emits ' +
    'TICKET_CREATED; the original stays open with the remaining messages.',
})
export class TicketSplitPayload extends TicketRestructurePayload {
  @ActingUser() override actorUserId!: string;
  @UuidField() originalTicketId!: string;
  @UuidArrayField({ description: 'Tickets created by the split, in the order requested' }) newTicketIds!: string[];
  @DateTimeField() splitAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_MERGED: TicketMergedPayload;
    TICKET_SPLIT: TicketSplitPayload;
  }
}
