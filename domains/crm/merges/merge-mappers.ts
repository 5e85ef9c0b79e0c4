import { EmissionContextView, iso, when } from '../../../lib/kit';
import { ClientMergeResult, ContactMergeResult } from './merge';

export const clientMerged = (r: ClientMergeResult, _args: unknown, ctx: EmissionContextView) => ({
  sourceClientId: r.source.id,
  targetClientId: r.target.id,
  mergedByUserId: ctx.actorUserId!,
  mergedAt: iso(r.at),
  strategy: r.strategy,
});

/** CLIENT_ARCHIVED for a source that was live until the merge. */
export const mergedClientArchived = when(
  (r: ClientMergeResult) => r.archivedSource,
  (r: ClientMergeResult) => ({ clientId: r.source.id, archivedByUserId: r.source.archivedByUserId!, archivedAt: iso(r.source.archivedAt!), reason: r.source.archiveReason }),
);

export const contactMerged = (r: ContactMergeResult, _args: unknown, ctx: EmissionContextView) => ({
  sourceContactId: r.source.id,
  targetContactId: r.target.id,
  mergedByUserId: ctx.actorUserId!,
  mergedAt: iso(r.at),
  strategy: r.strategy,
});

export const mergedContactArchived = when(
  (r: ContactMergeResult) => r.archivedSource,
  (r: ContactMergeResult) => ({
    contactId: r.source.id,
    clientId: r.source.clientId,
    archivedByUserId: r.source.archivedByUserId!,
    archivedAt: iso(r.source.archivedAt!),
    reason: r.source.archiveReason,
  }),
);
