import { UnitOfWork, currentTenant, isPostgres, nextSequenceValue } from '../../lib/kit';
import { injectable } from 'tsyringe';
import { TicketNotFoundError, TicketReferenceError, TicketStateError } from './errors';
import { Board, Priority, SlaPolicy, TicketStatus } from './setup/reference-data';
import { toBoard, toMessage, toPriority, toSlaPolicy, toSlaStage, toStatus, toTicket } from './rows';
import { Ticket, TicketMessage } from './ticket';

type Row = Record<string, any>;

/** Tenant-scoped reads (and the ticket number counter) shared by the ticket services, through the current transaction. */
@injectable()
export class TicketRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * `forUpdate` locks the ticket row until commit (PostgreSQL; SQLite has one writer anyway), so a
   * concurrent save waits and then reads this one's result: "previous" values in events stay true.
   */
  async get(ticketId: string, { forUpdate = false } = {}): Promise<Ticket> {
    const tenant = currentTenant('TicketRepository.get');
    const db = this.uow.db;
    const row = await db('tickets as t')
      .join('ticket_statuses as s', (j) => j.on('s.status_id', 't.status_id').andOn('s.tenant', 't.tenant'))
      .where({ 't.ticket_id': ticketId, 't.tenant': tenant })
      .modify((q) => (forUpdate && isPostgres(db) ? q.forUpdate('t') : q))
      .first('t.*', 's.is_closed');
    if (!row) throw new TicketNotFoundError(ticketId);
    const tags = await db('ticket_tags').where({ ticket_id: ticketId, tenant }).pluck('tag_id');
    const sla = await db('ticket_sla_stages').where({ ticket_id: ticketId, tenant }).orderBy('target_at');
    return toTicket(row, tags, sla.map(toSlaStage));
  }

  /** A ticket that can still be worked on: merged tickets live on in their target. */
  async getActive(ticketId: string, options: { forUpdate?: boolean } = {}): Promise<Ticket> {
    const ticket = await this.get(ticketId, options);
    if (ticket.mergedIntoTicketId) throw new TicketStateError(`Ticket ${ticket.ticketNumber} was merged into ${ticket.mergedIntoTicketId}`);
    return ticket;
  }

  /** Open (not closed, not merged) tickets of a client and/or contact, oldest first. */
  async openTickets(filter: { clientId?: string; contactId?: string }): Promise<Ticket[]> {
    if (!filter.clientId && !filter.contactId) return [];
    const ids: string[] = await this.uow
      .db('tickets as t')
      .join('ticket_statuses as s', (j) => j.on('s.status_id', 't.status_id').andOn('s.tenant', 't.tenant'))
      .where({ 't.tenant': currentTenant('TicketRepository.openTickets'), 's.is_closed': false })
      .whereNull('t.merged_into_ticket_id')
      .modify((q) => (filter.clientId ? q.where('t.client_id', filter.clientId) : q))
      .modify((q) => (filter.contactId ? q.where('t.contact_id', filter.contactId) : q))
      .orderBy([{ column: 't.created_at' }, { column: 't.ticket_id' }])
      .pluck('t.ticket_id');
    return Promise.all(ids.map((id) => this.get(id)));
  }

  async message(messageId: string): Promise<TicketMessage> {
    return toMessage(await this.require('ticket_messages', 'message_id', messageId, 'message'));
  }

  async messagesOf(ticketId: string): Promise<TicketMessage[]> {
    const rows = await this.uow.db('ticket_messages').where({ ticket_id: ticketId, tenant: currentTenant('TicketRepository.messagesOf') }).orderBy('created_at');
    return rows.map(toMessage);
  }

  async status(statusId: string): Promise<TicketStatus> {
    return toStatus(await this.require('ticket_statuses', 'status_id', statusId, 'status'));
  }

  async priority(priorityId: string): Promise<Priority> {
    return toPriority(await this.require('priorities', 'priority_id', priorityId, 'priority'));
  }

  async board(boardId: string): Promise<Board> {
    return toBoard(await this.require('boards', 'board_id', boardId, 'board'));
  }

  async requireTags(tagIds: string[]): Promise<void> {
    const known = new Set<string>(await this.scoped('tags').whereIn('tag_id', tagIds).pluck('tag_id'));
    const unknown = tagIds.find((id) => !known.has(id));
    if (unknown) throw new TicketReferenceError('tag', unknown);
  }

  /** The status new tickets open in, or (closed) the one a merge closes its source with. */
  async defaultStatus(closed: boolean): Promise<TicketStatus> {
    const row = await this.scoped('ticket_statuses')
      .where({ is_closed: closed })
      .orderBy([{ column: 'is_default', order: 'desc' }, 'order_number', 'name'])
      .first();
    if (!row) throw new TicketStateError(`No ${closed ? 'closed' : 'open'} ticket status is configured`);
    return toStatus(row);
  }

  async slaPolicyFor(priorityId: string): Promise<SlaPolicy | undefined> {
    const row = await this.scoped('sla_policies').where({ priority_id: priorityId }).first();
    return row ? toSlaPolicy(row) : undefined;
  }

  /** The next `T-000123` of the tenant (a per-tenant sequence: concurrent creates never share one). */
  async nextTicketNumber(): Promise<string> {
    const n = await nextSequenceValue(this.uow.db, currentTenant('TicketRepository.nextTicketNumber'), 'ticket_number');
    return `T-${String(n).padStart(6, '0')}`;
  }

  private scoped(table: string) {
    return this.uow.db(table).where({ tenant: currentTenant(`TicketRepository(${table})`) });
  }

  private async require(table: string, idColumn: string, id: string, kind: string): Promise<Row> {
    const row = await this.scoped(table).where({ [idColumn]: id }).first();
    if (!row) throw new TicketReferenceError(kind, id);
    return row;
  }
}
