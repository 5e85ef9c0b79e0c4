import 'reflect-metadata';
import { MessageService } from './conversation/message-service';
import { ticketsDemo } from './demo';
import { AnyClientMayOpenTickets, TicketClientPolicy } from './lifecycle/ticket-client-policy';
import { TicketService } from './lifecycle/ticket-service';
import { MergeSplitService } from './merge-split/merge-split-service';
import { tickets } from './module';
import { TicketSetupService } from './setup/ticket-setup-service';
import { SlaClock } from './sla/sla-clock';
import { SlaSweeper } from './sla/sla-sweeper';
import { TicketRepository } from './ticket-repository';
import { ticketReferenceDataMigration, ticketsMigration } from './tickets.migration';
import { TimeEntryService } from './time/time-entry-service';

/** The tickets module's public surface: other modules and applications import only this file. */
export * from './events';
export * from './errors';
export * from './ticket';
export * from './setup/reference-data';
export { TicketSetupService } from './setup/ticket-setup-service';
export { TicketService } from './lifecycle/ticket-service';
export { CreateTicketInput, TicketPatch } from './lifecycle/ticket-input';
export { TicketChangeSet, TicketUpdateOptions } from './lifecycle/ticket-changes';
export { TicketClientPolicy } from './lifecycle/ticket-client-policy';
export { MessageService } from './conversation/message-service';
export { AddMessageInput, PostedMessage, EditedMessage, MessageAuthor } from './conversation/message';
export { TimeEntryService } from './time/time-entry-service';
export { LogTimeInput } from './time/time-entry';
export { MergeSplitService } from './merge-split/merge-split-service';
export { MergeResult, SplitPart, SplitResult } from './merge-split/merge-split';
export { SlaSweeper } from './sla/sla-sweeper';

export const ticketsModule = tickets.define({
  services: [TicketRepository, SlaClock, TicketSetupService, TicketService, MessageService, TimeEntryService, MergeSplitService],
  sweepers: [SlaSweeper],
  provides: [{ token: TicketClientPolicy, useClass: AnyClientMayOpenTickets }],
  migrations: [ticketReferenceDataMigration, ticketsMigration],
  tables: ['tickets', 'ticket_tags', 'ticket_messages', 'ticket_time_entries', 'ticket_sla_stages', 'ticket_statuses', 'priorities', 'boards', 'tags', 'sla_policies'],
  demo: ticketsDemo,
});
