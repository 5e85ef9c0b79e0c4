import { sameValue } from '../../../lib/kit';
import { FieldChanges, SlaStage, Ticket } from '../ticket';

/** The ticket fields a save can change, by the dot-path events report them under. */
export function trackedFields(t: Ticket): Record<string, unknown> {
  return {
    title: t.title,
    clientId: t.clientId,
    contactId: t.contactId ?? null,
    boardId: t.boardId,
    statusId: t.statusId,
    priorityId: t.priorityId,
    'assignee.id': t.assignee?.id ?? null,
    'assignee.type': t.assignee?.type ?? null,
    tagIds: t.tagIds,
    responseState: t.responseState ?? null,
    escalationLevel: t.escalationLevel,
  };
}


/** `{ previous, new }` for every tracked field that differs; without `before`, every field that is set (creation). */
export function diffTickets(before: Ticket | undefined, after: Ticket): FieldChanges {
  const previous = before ? trackedFields(before) : {};
  const changes: FieldChanges = {};
  for (const [path, value] of Object.entries(trackedFields(after))) {
    const empty = value === null || (Array.isArray(value) && !value.length);
    if (before ? !sameValue(previous[path], value) : !empty) changes[path] = { previous: previous[path] ?? null, new: value };
  }
  return changes;
}

/** How the editor wants a save handled; carried into the events it emits. */
export interface TicketUpdateOptions {
  reason?: string;
  suppressContactNotifications?: boolean;
  suppressInternalNotifications?: boolean;
}

/**
 * What one save changed. `TicketService.update` returns it and each stacked event mapper picks
 * its own transition out of it (nothing to pick: no event).
 */
export interface TicketChangeSet {
  before: Ticket;
  after: Ticket;
  at: Date;
  /** Empty for a save that changed nothing. */
  changes: FieldChanges;
  options: TicketUpdateOptions;
  /** The escalation level rose, or the ticket moved to a higher-tier board. */
  escalated: boolean;
  /** SLA stages the save met (closing meets the open ones still on time). */
  slaMet: SlaStage[];
}
