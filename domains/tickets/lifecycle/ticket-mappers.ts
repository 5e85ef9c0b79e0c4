import { iso, nonEmpty, without, when, sameValue } from '../../../lib/kit';
import { diffTickets, TicketChangeSet, TicketUpdateOptions } from './ticket-changes';
import { Assignee, FieldChanges, Ticket } from '../ticket';

/** Mappers of ticket creation and of the transitions a save (`TicketService.update`) can contain. */

const fieldChanges = (changes: FieldChanges) => ({ updatedFields: Object.keys(changes), changes });
const notificationFlags = (o: TicketUpdateOptions) => ({
  suppressContactNotifications: o.suppressContactNotifications,
  suppressInternalNotifications: o.suppressInternalNotifications,
});

/** Common to every transition payload: the ticket, and when and why it changed. */
const transition = (s: TicketChangeSet) => ({ ticketId: s.after.id, reason: s.options.reason });
const changed = (pick: (t: Ticket) => unknown) => (s: TicketChangeSet) => !sameValue(pick(s.before), pick(s.after));
const statusMove = (s: TicketChangeSet) => ({ ...transition(s), previousStatusId: s.before.statusId, newStatusId: s.after.statusId });

export const ticketCreated = (t: Ticket) =>
  ({ ticketId: t.id, createdByUserId: t.createdByUserId, createdAt: iso(t.createdAt), ...fieldChanges(diffTickets(undefined, t)) });

export const ticketUpdated = when(
  (s: TicketChangeSet) => Object.keys(s.changes).length > 0,
  (s, ctx) => ({ ticketId: s.after.id, updatedByUserId: ctx.actorUserId, ...fieldChanges(s.changes), ...notificationFlags(s.options) }),
);

export const ticketStatusChanged = when(changed((t) => t.statusId), (s) => ({ ...statusMove(s), changedAt: iso(s.at) }));

export const ticketClosed = when(
  (s: TicketChangeSet) => !s.before.isClosed && s.after.isClosed,
  (s, ctx) => ({ ...transition(s), closedByUserId: ctx.actorUserId, closedAt: iso(s.at), ...fieldChanges(s.changes), ...notificationFlags(s.options) }),
);

export const ticketReopened = when((s: TicketChangeSet) => s.before.isClosed && !s.after.isClosed, (s) => ({ ...statusMove(s), reopenedAt: iso(s.at) }));

export const ticketPriorityChanged = when(changed((t) => t.priorityId), (s) => ({
  ...transition(s),
  previousPriorityId: s.before.priorityId,
  newPriorityId: s.after.priorityId,
  changedAt: iso(s.at),
}));

/** From `previous` (absent: nobody) to `next`. */
const assignment = (ticketId: string, previous: Assignee | undefined, next: Assignee, at: Date) => ({
  ticketId,
  previousAssigneeId: previous?.id,
  previousAssigneeType: previous?.type,
  newAssigneeId: next.id,
  newAssigneeType: next.type,
  assignedAt: iso(at),
});

export const ticketAssigned = when(
  (s: TicketChangeSet) => !!s.after.assignee && changed((t) => t.assignee)(s),
  (s) => assignment(s.after.id, s.before.assignee, s.after.assignee!, s.at),
);

/** A ticket opened with an owner was assigned as it was created. */
export const ticketAssignedOnCreate = when((t: Ticket) => !!t.assignee, (t) => assignment(t.id, undefined, t.assignee!, t.createdAt));

export const ticketUnassigned = when(
  (s: TicketChangeSet) => !!s.before.assignee && !s.after.assignee,
  (s) => ({ ...transition(s), previousAssigneeId: s.before.assignee!.id, previousAssigneeType: s.before.assignee!.type, unassignedAt: iso(s.at) }),
);

export const ticketQueueChanged = when(changed((t) => t.boardId), (s) => ({
  ticketId: s.after.id,
  previousBoardId: s.before.boardId,
  newBoardId: s.after.boardId,
  changedAt: iso(s.at),
}));

export const ticketEscalated = when(
  (s: TicketChangeSet) => s.escalated,
  (s) => ({ ...transition(s), fromQueueId: s.before.boardId, toQueueId: s.after.boardId, escalatedAt: iso(s.at) }),
);

export const ticketTagsChanged = when(changed((t) => t.tagIds), (s) => ({
  ticketId: s.after.id,
  addedTagIds: nonEmpty(without(s.after.tagIds, s.before.tagIds)),
  removedTagIds: nonEmpty(without(s.before.tagIds, s.after.tagIds)),
  changedAt: iso(s.at),
}));
