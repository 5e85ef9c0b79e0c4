import { BooleanField, CountField, DateTimeField, UuidField } from '../../../decorators';
import { ActingUser, TicketPayload } from './base-payloads';
import { TicketEvent } from './ticket-event';

@TicketEvent({
  type: 'TICKET_TIME_ENTRY_ADDED',
  name: 'Ticket Time Entry Added',
  description: 'A technician logged work time against a ticket; billable entries flow into the client\'s next invoice.',
})
export class TicketTimeEntryAddedPayload extends TicketPayload {
  @ActingUser() override actorUserId!: string;
  @UuidField() timeEntryId!: string;
  @CountField({ description: 'Whole minutes worked' }) minutes!: number;
  @BooleanField({ description: 'Whether the time is billed to the client' }) billable!: boolean;
  @DateTimeField() createdAt!: string;
}
