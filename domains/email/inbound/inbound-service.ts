import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, BlobStore, BlobTooLargeError, currentTenant, DomainError, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { MessageService, TicketService } from '../../tickets';
import { DeliveryReportService } from '../delivery/delivery-service';
import { reportSignals } from '../delivery/report-signals';
import { readReport } from '../mime/delivery-report';
import { parseMessage } from '../mime/parse-message';
import { visibleReply } from '../mime/visible-reply';
import { ProviderStore } from '../providers/provider-store';
import { EmailSettings } from '../settings';
import { subaddressOf } from '../shared/addresses';
import { EmailInputError, EmailStateError } from '../shared/email-errors';
import { MessageIndex } from '../threads/message-index';
import { EmailContactDirectory } from './contact-directory';
import { InboundOutcome, InboundResult, MatchedBy, ParsedEmail } from './inbound';
import { inboundReceived, inboundReplyReceived } from './inbound-mappers';
import { ThreadMatcher } from './thread-matcher';

/**
 * Takes in one raw RFC 5322 message for a connected mailbox: keeps the bytes in the blob store,
 * parses them, records the message once per mailbox and Message-ID (INBOUND_EMAIL_RECEIVED), and
 * acts on it in the same transaction:
 * - a delivery or feedback report → delivery signals (EMAIL_DELIVERED / BOUNCED / COMPLAINT_RECEIVED);
 * - automatic mail (null sender, Auto-Submitted, bulk) or an unparsable message → nothing more, never a ticket or an answer (no mail loops);
 * - a reply to one of our messages → the client's message on its ticket, without the quoted conversation (INBOUND_EMAIL_REPLY_RECEIVED, TICKET_CUSTOMER_REPLIED);
 * - a new message from a known contact → a ticket on the mailbox's board with the message as its first reply.
 */
@injectable()
export class InboundEmailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly providers: ProviderStore,
    private readonly settings: EmailSettings,
    private readonly matcher: ThreadMatcher,
    private readonly index: MessageIndex,
    private readonly contacts: EmailContactDirectory,
    private readonly tickets: TicketService,
    private readonly messages: MessageService,
    private readonly delivery: DeliveryReportService,
  ) {}

  /** Throws EmailInputError (raw) or EmailStateError (a disconnected mailbox); nothing kept then. */
  @EmitsEvent('INBOUND_EMAIL_RECEIVED', inboundReceived)
  @EmitsEvent('INBOUND_EMAIL_REPLY_RECEIVED', inboundReplyReceived)
  async ingest(providerId: string, raw: Buffer, options: { provider?: string } = {}): Promise<InboundResult> {
    const tenant = currentTenant('InboundEmailService.ingest');
    if (!Buffer.isBuffer(raw) || !raw.length) throw new EmailInputError('raw', 'must be the non-empty bytes of an RFC 5322 message');
    const row = await this.providers.row(providerId);
    if (row.status !== 'connected') throw new EmailStateError(`Mailbox ${row.mailbox} is disconnected`, 'EMAIL_PROVIDER_DISCONNECTED');
    const rawMimeRef = await this.keep(raw);
    const parsed = await parseMessage(raw, this.settings);
    const receivedAt = actionTime();
    const base = { tenantId: tenant, providerId: row.provider_id, provider: options.provider ?? row.provider_type, parsed, rawMimeRef, receivedAt };

    const existing = await this.uow.db('email_inbound_messages').where({ tenant, provider_id: row.provider_id, message_id: parsed.messageId }).first();
    if (existing) return { ...base, inboundId: existing.inbound_id, threadId: existing.thread_id, isNew: false, outcome: existing.outcome, ticketId: existing.ticket_id ?? undefined };

    const inboundId = uuidv4();
    const threadId = parsed.references[0] ?? parsed.inReplyTo ?? parsed.messageId;
    const inserted = await this.uow.db('email_inbound_messages')
      .insert({ tenant, inbound_id: inboundId, provider_id: row.provider_id, message_id: parsed.messageId, thread_id: threadId, from_address: parsed.from.email, subject: parsed.subject, raw_mime_ref: rawMimeRef, outcome: 'automatic', skip_note: parsed.unparsable ?? null, received_at: receivedAt })
      .onConflict(['tenant', 'provider_id', 'message_id'])
      .ignore()
      .returning('inbound_id');
    if (!inserted.length) return { ...base, inboundId, threadId, isNew: false, outcome: 'automatic' };

    const acted = await this.act(parsed, raw, rawMimeRef, row.mailbox, row);
    const finalThread = acted.threadId ?? threadId;
    await this.uow.db('email_inbound_messages').where({ tenant, inbound_id: inboundId }).update({ outcome: acted.outcome, ticket_id: acted.ticketId ?? null, matched_by: acted.matchedBy ?? null, thread_id: finalThread });
    if (acted.ticketId) await this.index.record({ messageId: parsed.messageId, threadId: finalThread, ticketId: acted.ticketId, direction: 'in' });
    return { ...base, inboundId, threadId: finalThread, isNew: true, ...acted };
  }

  private async act(parsed: ParsedEmail, raw: Buffer, rawMimeRef: string, mailbox: string, row: Record<string, any>): Promise<{ outcome: InboundOutcome; ticketId?: string; matchedBy?: MatchedBy; threadId?: string }> {
    if (parsed.unparsable) return { outcome: 'unparsable' };
    if (parsed.reportType) {
      const report = await readReport(raw);
      if (report) {
        const candidates = [...parsed.to, ...parsed.cc].map((a) => a.email).concat(report.kind === 'arf' && report.originalMailFrom ? [report.originalMailFrom] : []);
        const envelopeToken = candidates.map((a) => subaddressOf(a, this.settings.bounceAddress)).find((t) => t?.startsWith('b-'))?.slice(2);
        await this.delivery.record(reportSignals(report, { envelopeToken, rawRef: rawMimeRef }));
      }
      return { outcome: 'report' };
    }
    if (parsed.automatic) return { outcome: 'automatic' };

    const match = await this.matcher.match(parsed, mailbox);
    const contact = await this.contacts.findByEmail(parsed.from.email);
    const content = (parsed.text ?? '').trim() || `(${parsed.subject || 'no text'})`;
    if (match) {
      if (!contact) return { outcome: 'unknown_sender' };
      try {
        await this.messages.addMessage(match.ticketId, { content: visibleReply(content), channel: 'email', attachmentsCount: parsed.attachments.length, author: { id: contact.contactId, type: 'contact' } });
      } catch (err) {
        if (err instanceof DomainError) return { outcome: 'reply_refused', threadId: match.threadId };
        throw err;
      }
      return { outcome: 'reply', ticketId: match.ticketId, matchedBy: match.matchedBy, threadId: match.threadId };
    }
    if (!contact) return { outcome: 'unknown_sender' };
    if (!row.board_id || !row.priority_id) return { outcome: 'no_routing' };
    const ticket = await this.tickets.create({ title: (parsed.subject.trim() || '(no subject)').slice(0, 255), clientId: contact.clientId, contactId: contact.contactId, boardId: row.board_id, priorityId: row.priority_id });
    await this.messages.addMessage(ticket.id, { content, channel: 'email', attachmentsCount: parsed.attachments.length, author: { id: contact.contactId, type: 'contact' } });
    return { outcome: 'ticket_opened', ticketId: ticket.id, threadId: parsed.messageId };
  }

  /** Keeps the raw bytes (content-addressed: a re-delivery stores nothing new). Oversized messages are kept too: never lost. */
  private async keep(raw: Buffer): Promise<string> {
    try {
      return (await this.blobs.put(raw)).key;
    } catch (err) {
      if (err instanceof BlobTooLargeError) throw new EmailInputError('raw', `exceeds the blob store's limit of ${err.maxBytes} bytes`);
      throw err;
    }
  }
}
