import { iso } from '../../../lib/kit';
import { MergeResult, SplitResult } from './merge-split';

/** Mappers of merges and splits. */

export const ticketMerged = (r: MergeResult) =>
  ({ sourceTicketId: r.source.id, targetTicketId: r.target.id, mergedAt: iso(r.at), reason: r.reason });

export const ticketSplit = (r: SplitResult) =>
  ({ originalTicketId: r.original.id, newTicketIds: r.created.map((t) => t.id), splitAt: iso(r.at), reason: r.reason });
