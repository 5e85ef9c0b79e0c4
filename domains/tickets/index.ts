import './events';
import { MergeSplitService } from './merge-split-service';
import { MessageService } from './message-service';
import { SlaClock } from './sla-clock';
import { SlaSweeper } from './sla-sweeper';
import { TicketRepository } from './ticket-repository';
import { TicketService } from './ticket-service';
import { TicketSetupService } from './ticket-setup-service';
import { ticketReferenceDataMigration, ticketsMigration } from './tickets.migration';
import { TimeEntryService } from './time-entry-service';

export * from './events';
export * from './errors';
export * from './reference-data';
export * from './ticket';
export { TicketChangeSet, TicketUpdateOptions } from './ticket-changes';
export { TicketService, CreateTicketInput, TicketPatch } from './ticket-service';
export { TicketSetupService } from './ticket-setup-service';
export { MessageService, AddMessageInput, PostedMessage, EditedMessage } from './message-service';
export { MessageAuthor } from './acting';
export { TimeEntryService, LogTimeInput } from './time-entry-service';
export { MergeSplitService, MergeResult, SplitPart, SplitResult } from './merge-split-service';
export { SlaSweeper } from './sla-sweeper';

import { tickets } from './module';

export const ticketsModule = tickets.define({
  services: [TicketRepository, SlaClock, TicketSetupService, TicketService, MessageService, TimeEntryService, MergeSplitService],
  sweepers: [SlaSweeper],
  migrations: [ticketReferenceDataMigration, ticketsMigration],
  tables: ['tickets', 'ticket_tags', 'ticket_messages', 'ticket_time_entries', 'ticket_sla_stages', 'ticket_statuses', 'priorities', 'boards', 'tags', 'sla_policies'],
});
