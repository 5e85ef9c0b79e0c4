import { injectable } from 'tsyringe';
import { actionTime, currentTenant, insertIfAbsent, UnitOfWork } from '../../../lib/kit';

export interface IndexedMessage {
  messageId: string;
  threadId: string;
  ticketId?: string;
  direction: 'in' | 'out';
}

/** A ticket's conversation as mail sees it: its thread and the Message-IDs to answer and reference. */
export interface TicketThread {
  threadId: string;
  /** The latest message of the thread (In-Reply-To of the next reply). */
  lastMessageId: string;
  /** Every message of the thread, oldest first (References, RFC 5322 §3.6.4). */
  messageIds: string[];
}

/** Which thread and ticket each Message-ID belongs to (tenant-scoped), for reply matching and threading. */
@injectable()
export class MessageIndex {
  constructor(private readonly uow: UnitOfWork) {}

  /** Records a message once; a Message-ID seen before keeps its first entry. */
  async record(entry: IndexedMessage): Promise<void> {
    const tenant = currentTenant('MessageIndex.record');
    await insertIfAbsent(
      this.uow.db,
      'email_message_index',
      { tenant, message_id: entry.messageId, thread_id: entry.threadId, ticket_id: entry.ticketId ?? null, direction: entry.direction, created_at: actionTime() },
      ['tenant', 'message_id'],
    );
  }

  /** The entries of the given ids that we know, in the order asked. */
  async lookup(messageIds: string[]): Promise<IndexedMessage[]> {
    if (!messageIds.length) return [];
    const tenant = currentTenant('MessageIndex.lookup');
    const rows = await this.uow.db('email_message_index').where({ tenant }).whereIn('message_id', messageIds);
    const byId = new Map(rows.map((r: any) => [r.message_id, { messageId: r.message_id, threadId: r.thread_id, ticketId: r.ticket_id ?? undefined, direction: r.direction }]));
    return messageIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as IndexedMessage] : []));
  }

  /** The ticket's thread, if mail was exchanged on it. */
  async ticketThread(ticketId: string): Promise<TicketThread | undefined> {
    const tenant = currentTenant('MessageIndex.ticketThread');
    const rows = await this.uow.db('email_message_index').where({ tenant, ticket_id: ticketId }).orderBy([{ column: 'created_at' }, { column: 'message_id' }]);
    if (!rows.length) return undefined;
    return { threadId: rows[0].thread_id, lastMessageId: rows[rows.length - 1].message_id, messageIds: rows.map((r: any) => r.message_id) };
  }
}
