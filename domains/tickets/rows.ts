import { readDate } from '../../lib/kit';
import { Board, Priority, SlaPolicy, Tag, TicketStatus } from './setup/reference-data';
import { SlaStage, Ticket, TicketMessage, TimeEntry } from './ticket';

/** Database rows ↔ domain objects. SQLite returns booleans as 0/1 and dates as epoch millis. */

type Row = Record<string, any>;

const date = (v: unknown): Date | undefined => readDate(v) ?? undefined;
const opt = <T>(v: T | null): T | undefined => v ?? undefined;

/** The ticket fields a create or save writes. */
export type EditableTicketFields = Pick<Ticket, 'title' | 'clientId' | 'contactId' | 'boardId' | 'statusId' | 'priorityId' | 'assignee' | 'responseState' | 'escalationLevel'>;

export function editableColumns(t: EditableTicketFields): Row {
  return {
    title: t.title,
    client_id: t.clientId,
    contact_id: t.contactId ?? null,
    board_id: t.boardId,
    status_id: t.statusId,
    priority_id: t.priorityId,
    assignee_id: t.assignee?.id ?? null,
    assignee_type: t.assignee?.type ?? null,
    response_state: t.responseState ?? null,
    escalation_level: t.escalationLevel,
  };
}

export function toTicket(row: Row, tagIds: string[], sla: SlaStage[]): Ticket {
  return {
    id: row.ticket_id,
    tenantId: row.tenant,
    ticketNumber: row.ticket_number,
    title: row.title,
    clientId: row.client_id,
    contactId: opt(row.contact_id),
    boardId: row.board_id,
    statusId: row.status_id,
    isClosed: Boolean(row.is_closed),
    priorityId: row.priority_id,
    assignee: row.assignee_id ? { id: row.assignee_id, type: row.assignee_type } : undefined,
    tagIds: [...tagIds].sort(),
    responseState: opt(row.response_state),
    escalationLevel: Number(row.escalation_level),
    closedAt: date(row.closed_at),
    closedByUserId: opt(row.closed_by_user_id),
    mergedIntoTicketId: opt(row.merged_into_ticket_id),
    splitFromTicketId: opt(row.split_from_ticket_id),
    createdByUserId: opt(row.created_by_user_id),
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
    sla,
  };
}

export function toSlaStage(row: Row): SlaStage {
  return {
    ticketId: row.ticket_id,
    tenantId: row.tenant,
    stage: row.stage,
    slaPolicyId: row.sla_policy_id,
    state: row.state,
    enteredAt: date(row.entered_at)!,
    targetAt: date(row.target_at)!,
    completedAt: date(row.completed_at),
    metAt: date(row.met_at),
    breachedAt: date(row.breached_at),
  };
}

export function toMessage(row: Row): TicketMessage {
  return {
    id: row.message_id,
    ticketId: row.ticket_id,
    visibility: row.visibility,
    authorId: row.author_id,
    authorType: row.author_type,
    channel: row.channel,
    content: row.content,
    attachmentsCount: Number(row.attachments_count),
    createdAt: date(row.created_at)!,
    updatedAt: date(row.updated_at)!,
  };
}

export function toTimeEntry(row: Row): TimeEntry {
  return {
    id: row.time_entry_id,
    ticketId: row.ticket_id,
    userId: row.user_id,
    minutes: Number(row.minutes),
    billable: Boolean(row.billable),
    notes: opt(row.notes),
    createdAt: date(row.created_at)!,
  };
}

export const toStatus = (r: Row): TicketStatus => ({ id: r.status_id, name: r.name, isClosed: Boolean(r.is_closed), isDefault: Boolean(r.is_default), order: Number(r.order_number) });
export const toPriority = (r: Row): Priority => ({ id: r.priority_id, name: r.name, order: Number(r.order_number) });
export const toBoard = (r: Row): Board => ({ id: r.board_id, name: r.name, tier: Number(r.tier) });
export const toTag = (r: Row): Tag => ({ id: r.tag_id, name: r.name });
export const toSlaPolicy = (r: Row): SlaPolicy => ({
  id: r.sla_policy_id,
  name: r.name,
  priorityId: r.priority_id,
  responseMinutes: Number(r.response_minutes),
  resolutionMinutes: Number(r.resolution_minutes),
});
