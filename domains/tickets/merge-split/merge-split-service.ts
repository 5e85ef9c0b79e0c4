import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { TicketInputError, TicketReferenceError, TicketStateError } from '../errors';
import { MergeResult, SplitPart, SplitResult } from './merge-split';
import { ticketMerged, ticketSplit } from './merge-split-mappers';
import { Ticket } from '../ticket';
import { TicketRepository } from '../ticket-repository';
import { TicketService } from '../lifecycle/ticket-service';

/**
 * Merging duplicates and splitting tickets that mix several issues. Closing and opening go
 * through TicketService, so the usual TICKET_CLOSED / TICKET_CREATED (and SLA) events come too.
 */
@injectable()
export class MergeSplitService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: TicketRepository,
    private readonly tickets: TicketService,
  ) {}

  /** Closes `sourceTicketId` (default closed status unless `closedStatusId`) and moves its messages to the target. */
  @EmitsEvent('TICKET_MERGED', ticketMerged)
  async merge(sourceTicketId: string, targetTicketId: string, options: { reason?: string; closedStatusId?: string } = {}): Promise<MergeResult> {
    const tenant = currentTenant('MergeSplitService.merge');
    requireStaff('MergeSplitService.merge');
    if (sourceTicketId === targetTicketId) throw new TicketStateError('A ticket cannot be merged into itself');
    const source = await this.repo.getActive(sourceTicketId);
    const target = await this.repo.getActive(targetTicketId);
    if (target.isClosed) throw new TicketStateError(`Cannot merge into ${target.ticketNumber}: it is closed`);
    if (!source.isClosed) {
      await this.tickets.close(sourceTicketId, { statusId: options.closedStatusId, reason: options.reason ?? `Merged into ${target.ticketNumber}` });
    }
    const at = actionTime();
    const movedMessageIds = await this.moveMessages(sourceTicketId, targetTicketId);
    await this.uow.db('tickets').where({ ticket_id: sourceTicketId, tenant }).update({ merged_into_ticket_id: targetTicketId, updated_at: at });
    return { source: await this.repo.get(sourceTicketId), target: await this.repo.get(targetTicketId), movedMessageIds, at, reason: options.reason };
  }

  /** Opens one ticket per part (same client, contact, board and priority) holding the part's messages. */
  @EmitsEvent('TICKET_SPLIT', ticketSplit)
  async split(originalTicketId: string, parts: SplitPart[], options: { reason?: string } = {}): Promise<SplitResult> {
    const tenant = currentTenant('MergeSplitService.split');
    requireStaff('MergeSplitService.split');
    const original = await this.repo.getActive(originalTicketId);
    await this.assertPartsOf(original, parts);
    const at = actionTime();
    const created: Ticket[] = [];
    for (const part of parts) {
      const ticket = await this.tickets.create({
        title: part.title,
        clientId: original.clientId,
        contactId: original.contactId,
        boardId: original.boardId,
        priorityId: original.priorityId,
      });
      await this.uow.db('tickets').where({ ticket_id: ticket.id, tenant }).update({ split_from_ticket_id: original.id });
      await this.moveMessages(original.id, ticket.id, part.messageIds);
      created.push(await this.repo.get(ticket.id));
    }
    return { original: await this.repo.get(original.id), created, at, reason: options.reason };
  }

  /** Every part names at least one message, each message is the original's and in one part only. */
  private async assertPartsOf(original: Ticket, parts: SplitPart[]): Promise<void> {
    if (!parts.length || parts.some((p) => !p.messageIds.length)) throw new TicketInputError('parts', 'must each move at least one message', 'SPLIT_INVALID');
    const requested = parts.flatMap((p) => p.messageIds);
    if (new Set(requested).size !== requested.length) throw new TicketInputError('parts', 'must not move one message to two new tickets', 'SPLIT_INVALID');
    const own = new Set((await this.repo.messagesOf(original.id)).map((m) => m.id));
    const foreign = requested.find((id) => !own.has(id));
    if (foreign) throw new TicketReferenceError(`message of ticket ${original.ticketNumber}`, foreign);
  }

  private async moveMessages(fromTicketId: string, toTicketId: string, messageIds?: string[]): Promise<string[]> {
    const query = () => {
      const q = this.uow.db('ticket_messages').where({ ticket_id: fromTicketId, tenant: currentTenant('MergeSplitService.moveMessages') });
      return messageIds ? q.whereIn('message_id', messageIds) : q;
    };
    const ids: string[] = await query().pluck('message_id');
    if (ids.length) await query().update({ ticket_id: toTicketId });
    return ids;
  }
}
