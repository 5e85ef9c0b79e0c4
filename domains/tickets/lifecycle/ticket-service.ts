import { actionTime, currentTenant, currentUserId, EmitsEvent, isUuid, UnitOfWork } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { TicketInputError, TicketStateError } from '../errors';
import {
  ticketAssigned,
  ticketAssignedOnCreate,
  ticketClosed,
  ticketCreated,
  ticketEscalated,
  ticketPriorityChanged,
  ticketQueueChanged,
  ticketReopened,
  ticketStatusChanged,
  ticketTagsChanged,
  ticketUnassigned,
  ticketUpdated,
} from './ticket-mappers';
import { slaStagesEntered, slaStagesMet } from '../sla/sla-mappers';
import { editableColumns } from '../rows';
import { SlaClock } from '../sla/sla-clock';
import { Assignee, ASSIGNEE_TYPES, ResponseState, Ticket } from '../ticket';
import { diffTickets, TicketChangeSet, TicketUpdateOptions } from './ticket-changes';
import { TicketClientPolicy } from './ticket-client-policy';
import { CreateTicketInput, TicketPatch } from './ticket-input';
import { TicketRepository } from '../ticket-repository';

/** Opening tickets and every edit of them. */
@injectable()
export class TicketService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketRepository,
    private readonly sla: SlaClock,
    private readonly clients: TicketClientPolicy,
  ) {}

  /** Opens a ticket in an open status (assigned, if an owner is given) and starts the SLA clocks of its priority's policy. */
  @EmitsEvent('TICKET_CREATED', ticketCreated)
  @EmitsEvent('TICKET_ASSIGNED', ticketAssignedOnCreate)
  @EmitsEvent('TICKET_SLA_STAGE_ENTERED', slaStagesEntered)
  async create(input: CreateTicketInput): Promise<Ticket> {
    const tenant = currentTenant('TicketService.create');
    assertTitle(input.title);
    assertAssignee(input.assignee);
    await this.clients.assertCanOpenTicket(input.clientId);
    await this.tickets.board(input.boardId);
    await this.tickets.priority(input.priorityId);
    const status = input.statusId ? await this.tickets.status(input.statusId) : await this.tickets.defaultStatus(false);
    if (status.isClosed) throw new TicketStateError(`A ticket cannot be opened in the closed status ${status.name}`);
    const tagIds = [...new Set(input.tagIds ?? [])];
    await this.tickets.requireTags(tagIds);

    const id = uuidv4();
    const at = actionTime();
    await this.uow.db('tickets').insert({
      ticket_id: id,
      tenant,
      ticket_number: await this.tickets.nextTicketNumber(),
      client_id: input.clientId,
      ...editableColumns({ ...input, title: input.title.trim(), statusId: status.id, escalationLevel: 0 }),
      created_by_user_id: currentUserId() ?? null,
      created_at: at,
      updated_at: at,
    });
    await this.saveTags(id, [], tagIds);
    await this.sla.start({ id, priorityId: input.priorityId }, at);
    return this.tickets.get(id);
  }

  /**
   * Saves a patch in one transaction and returns what changed. Besides TICKET_UPDATED, each
   * transition in the save emits its own event; a save that changes nothing emits nothing.
   */
  @EmitsEvent('TICKET_UPDATED', ticketUpdated)
  @EmitsEvent('TICKET_STATUS_CHANGED', ticketStatusChanged)
  @EmitsEvent('TICKET_CLOSED', ticketClosed)
  @EmitsEvent('TICKET_REOPENED', ticketReopened)
  @EmitsEvent('TICKET_PRIORITY_CHANGED', ticketPriorityChanged)
  @EmitsEvent('TICKET_ASSIGNED', ticketAssigned)
  @EmitsEvent('TICKET_UNASSIGNED', ticketUnassigned)
  @EmitsEvent('TICKET_QUEUE_CHANGED', ticketQueueChanged)
  @EmitsEvent('TICKET_ESCALATED', ticketEscalated)
  @EmitsEvent('TICKET_TAGS_CHANGED', ticketTagsChanged)
  @EmitsEvent('TICKET_SLA_STAGE_MET', slaStagesMet)
  async update(ticketId: string, patch: TicketPatch, options: TicketUpdateOptions = {}): Promise<TicketChangeSet> {
    const tenant = currentTenant('TicketService.update');
    const before = await this.tickets.getActive(ticketId, { forUpdate: true });
    const desired = await this.apply(before, patch);
    const changes = diffTickets(before, desired);
    const at = actionTime();
    const unchanged: TicketChangeSet = { before, after: before, at, changes, options, escalated: false, slaMet: [] };
    if (!Object.keys(changes).length) return unchanged;

    const closing = !before.isClosed && desired.isClosed;
    const reopening = before.isClosed && !desired.isClosed;
    await this.uow
      .db('tickets')
      .where({ ticket_id: ticketId, tenant })
      .update({
        ...editableColumns(desired),
        ...(closing ? { closed_at: at, closed_by_user_id: currentUserId() ?? null } : {}),
        ...(reopening ? { closed_at: null, closed_by_user_id: null } : {}),
        updated_at: at,
      });
    await this.saveTags(ticketId, before.tagIds, desired.tagIds);
    // Closing finishes every stage still running: resolution, and response if nobody had answered yet.
    const slaMet = closing ? await this.sla.complete(ticketId, ['response', 'resolution'], at) : [];
    const escalated = desired.escalationLevel > before.escalationLevel || (await this.movedUpATier(before, desired));
    return { ...unchanged, after: await this.tickets.get(ticketId), escalated, slaMet };
  }

  /** Closes the ticket with `statusId`, or the tenant's default closed status. */
  async close(ticketId: string, options: TicketUpdateOptions & { statusId?: string } = {}): Promise<TicketChangeSet> {
    const { statusId, ...rest } = options;
    return this.update(ticketId, { statusId: statusId ?? (await this.tickets.defaultStatus(true)).id }, rest);
  }

  /** Raises the escalation level by one, optionally moving the ticket to a higher-tier board. */
  async escalate(ticketId: string, options: { toBoardId?: string; reason?: string } = {}): Promise<TicketChangeSet> {
    // Read under the row lock, in the save's own transaction: concurrent escalations add up.
    return this.uow.run(async () => {
      const ticket = await this.tickets.getActive(ticketId, { forUpdate: true });
      return this.update(ticketId, { escalationLevel: ticket.escalationLevel + 1, boardId: options.toBoardId }, { reason: options.reason });
    });
  }

  /**
   * Adds and removes tags on the ticket's current tag set, read under the row lock: concurrent
   * changes of different tags add up (a full `tagIds` patch would let the later save drop the
   * other's tag). Emits what `update` emits; a change that changes nothing emits nothing.
   */
  async changeTags(ticketId: string, change: { add?: string[]; remove?: string[] }): Promise<TicketChangeSet> {
    return this.uow.run(async () => {
      const ticket = await this.tickets.getActive(ticketId, { forUpdate: true });
      const remove = new Set(change.remove ?? []);
      const tagIds = [...new Set([...ticket.tagIds, ...(change.add ?? [])])].filter((id) => !remove.has(id));
      return this.update(ticketId, { tagIds });
    });
  }

  get(ticketId: string): Promise<Ticket> {
    return this.tickets.get(ticketId);
  }

  /** Tickets of a client (or of a contact) that are neither closed nor merged, oldest first. */
  openTickets(filter: { clientId?: string; contactId?: string }): Promise<Ticket[]> {
    return this.tickets.openTickets(filter);
  }

  /** The ticket as the patch would leave it, after checking every id it refers to. */
  private async apply(ticket: Ticket, patch: TicketPatch): Promise<Ticket> {
    if (patch.title !== undefined) assertTitle(patch.title);
    if (patch.assignee) assertAssignee(patch.assignee);
    if (patch.escalationLevel !== undefined && !(Number.isInteger(patch.escalationLevel) && patch.escalationLevel >= 0)) {
      throw new TicketInputError('escalationLevel', 'must be a whole number >= 0');
    }
    const status = patch.statusId ? await this.tickets.status(patch.statusId) : undefined;
    if (patch.boardId) await this.tickets.board(patch.boardId);
    if (patch.priorityId) await this.tickets.priority(patch.priorityId);
    if (patch.tagIds) await this.tickets.requireTags(patch.tagIds);
    if (patch.clientId !== undefined && !(typeof patch.clientId === 'string' && isUuid(patch.clientId))) throw new TicketInputError('clientId', 'must be a UUID');
    const clientId = patch.clientId?.toLowerCase();
    if (clientId !== undefined && clientId !== ticket.clientId) await this.clients.assertCanOpenTicket(clientId);
    return {
      ...ticket,
      title: patch.title?.trim() ?? ticket.title,
      clientId: clientId ?? ticket.clientId,
      contactId: clearable(patch.contactId, ticket.contactId),
      boardId: patch.boardId ?? ticket.boardId,
      statusId: status?.id ?? ticket.statusId,
      isClosed: status?.isClosed ?? ticket.isClosed,
      priorityId: patch.priorityId ?? ticket.priorityId,
      assignee: clearable(patch.assignee, ticket.assignee),
      tagIds: patch.tagIds ? [...new Set(patch.tagIds)].sort() : ticket.tagIds,
      responseState: patch.responseState ?? ticket.responseState,
      escalationLevel: patch.escalationLevel ?? ticket.escalationLevel,
    };
  }

  private async saveTags(ticketId: string, before: string[], after: string[]): Promise<void> {
    const tenant = currentTenant('TicketService.saveTags');
    const removed = before.filter((t) => !after.includes(t));
    const added = after.filter((t) => !before.includes(t));
    if (removed.length) await this.uow.db('ticket_tags').where({ ticket_id: ticketId, tenant }).whereIn('tag_id', removed).delete();
    if (added.length) await this.uow.db('ticket_tags').insert(added.map((tag_id) => ({ tenant, ticket_id: ticketId, tag_id })));
  }

  private async movedUpATier(before: Ticket, after: Ticket): Promise<boolean> {
    if (before.boardId === after.boardId) return false;
    return (await this.tickets.board(after.boardId)).tier > (await this.tickets.board(before.boardId)).tier;
  }
}

/** A patch value: absent keeps `current`, null clears it. */
const clearable = <T>(value: T | null | undefined, current: T | undefined): T | undefined => (value === undefined ? current : value ?? undefined);

function assertTitle(title: string | undefined): void {
  if (!title?.trim()) throw new TicketInputError('title', 'must not be empty');
}

function assertAssignee(assignee: Assignee | undefined): void {
  if (assignee && !(ASSIGNEE_TYPES as readonly string[]).includes(assignee.type)) {
    throw new TicketInputError('assignee.type', `must be one of ${ASSIGNEE_TYPES.join(', ')}`);
  }
}
