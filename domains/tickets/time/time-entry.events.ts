import { BooleanField, CountField, DateTimeField, UuidField } from '../../../lib/kit';
import { ActingUser, TicketPayload } from '../ticket-payloads';
import { tickets } from '../module';

@tickets.event({
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

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    TICKET_TIME_ENTRY_ADDED: TicketTimeEntryAddedPayload;
  }
}
