import { actionTime, actsAsContact, currentContactId, currentTenant, currentUserId, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { AddMessageInput, EditedMessage, PostedMessage } from './message';
import { messageAuthor } from './message-author';
import { TicketInputError, TicketStateError } from '../errors';
import { commentAdded, commentUpdated, customerReplied, internalNoteAdded, messageAdded, responseStateChanged } from './message-mappers';
import { slaStagesMet } from '../sla/sla-mappers';
import { SlaClock } from '../sla/sla-clock';
import { MessageAuthorType, MessageChannel, MessageVisibility, ResponseState, SlaStage, TicketMessage, Transition } from '../ticket';
import { TicketRepository } from '../ticket-repository';

/** Who owes the next answer after a message: the client after a staff reply, staff after a client's. */
function nextResponseState(author: MessageAuthorType, visibility: MessageVisibility): ResponseState | undefined {
  if (author === 'contact') return 'awaiting_internal';
  return visibility === 'public' ? 'awaiting_client' : undefined;
}

/** The conversation on a ticket: client replies, staff replies and internal notes, from any channel. */
@injectable()
export class MessageService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketRepository,
    private readonly sla: SlaClock,
  ) {}

  /**
   * Posts a message. A client's message hands the ticket to staff; a public staff reply hands it
   * to the client and, the first time, meets the response SLA stage. Internal notes change neither.
   */
  @EmitsEvent('TICKET_MESSAGE_ADDED', messageAdded)
  @EmitsEvent('TICKET_COMMENT_ADDED', commentAdded)
  @EmitsEvent('TICKET_CUSTOMER_REPLIED', customerReplied)
  @EmitsEvent('TICKET_INTERNAL_NOTE_ADDED', internalNoteAdded)
  @EmitsEvent('TICKET_RESPONSE_STATE_CHANGED', responseStateChanged)
  @EmitsEvent('TICKET_SLA_STAGE_MET', slaStagesMet)
  async addMessage(ticketId: string, input: AddMessageInput): Promise<PostedMessage> {
    const tenant = currentTenant('MessageService.addMessage');
    const author = messageAuthor(input.author);
    const ticket = await this.tickets.getActive(ticketId, { forUpdate: true });
    const visibility = input.visibility ?? 'public';
    if (author.type === 'contact' && visibility === 'internal') throw new TicketStateError('Client contacts cannot post internal notes');
    if (!input.content?.trim()) throw new TicketInputError('content', 'must not be empty', 'MESSAGE_EMPTY');
    const at = actionTime();
    const id = uuidv4();
    await this.uow.db('ticket_messages').insert({
      message_id: id,
      tenant,
      ticket_id: ticketId,
      visibility,
      author_id: author.id,
      author_type: author.type,
      channel: input.channel ?? (author.type === 'contact' ? 'portal' : 'ui'),
      content: input.content,
      attachments_count: input.attachmentsCount ?? 0,
      created_at: at,
      updated_at: at,
    });

    const next = nextResponseState(author.type, visibility);
    const responseState = next && next !== ticket.responseState ? { previous: ticket.responseState, new: next } : undefined;
    if (responseState) await this.uow.db('tickets').where({ ticket_id: ticketId, tenant }).update({ response_state: next, updated_at: at });
    const staffReply = author.type === 'user' && visibility === 'public';
    const slaMet = staffReply ? await this.sla.complete(ticketId, ['response'], at) : [];
    return { message: await this.tickets.message(id), responseState, slaMet };
  }

  /** Corrects the text of a message; the legacy comment event reports the before and after. */
  @EmitsEvent('TICKET_COMMENT_UPDATED', commentUpdated)
  async editMessage(messageId: string, content: string): Promise<EditedMessage> {
    const tenant = currentTenant('MessageService.editMessage');
    const before = await this.tickets.message(messageId);
    if (actsAsContact() && before.authorId !== currentContactId()) throw new TicketStateError('Client contacts can only edit their own messages');
    const editorId = currentUserId() ?? currentContactId();
    if (!editorId) throw new TicketInputError('editor', 'is required: run with a user or contact actor', 'MESSAGE_EDITOR_REQUIRED');
    if (!content?.trim()) throw new TicketInputError('content', 'must not be empty', 'MESSAGE_EMPTY');
    if (content === before.content) return { before, after: before, editorId };
    await this.uow.db('ticket_messages').where({ message_id: messageId, tenant }).update({ content, updated_at: actionTime() });
    return { before, after: await this.tickets.message(messageId), editorId };
  }
}
