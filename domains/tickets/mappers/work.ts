import { iso } from '../../../lib/kit';
import type { MergeResult, SplitResult } from '../merge-split-service';
import { TimeEntry } from '../ticket';

/** Mappers of logged time and of merges and splits. */

export const timeEntryAdded = (e: TimeEntry) => ({
  ticketId: e.ticketId,
  timeEntryId: e.id,
  minutes: e.minutes,
  billable: e.billable,
  createdAt: iso(e.createdAt),
});

export const ticketMerged = (r: MergeResult) =>
  ({ sourceTicketId: r.source.id, targetTicketId: r.target.id, mergedAt: iso(r.at), reason: r.reason });

export const ticketSplit = (r: SplitResult) =>
  ({ originalTicketId: r.original.id, newTicketIds: r.created.map((t) => t.id), splitAt: iso(r.at), reason: r.reason });
