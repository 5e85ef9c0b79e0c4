import { randomBytes } from 'node:crypto';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { domainOf, requireAddress, requireAddresses } from '../shared/addresses';
import { EmailInputError } from '../shared/email-errors';
import { SuppressionList } from '../suppression/suppression-list';
import { MessageIndex } from '../threads/message-index';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { EmailSettings } from '../settings';
import { OUTBOUND_KINDS, OutboundKind, QueueEmailInput, QueueResult, SendAttempt } from './outbound';
import { outboundFailed, outboundQueued, outboundSent } from './outbound-mappers';
import { OutboundStore } from './outbound-store';
import { SendAttemptRunner } from './send-attempt-runner';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const token = () => randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x');

/**
 * The public way to send mail: queue a ticket reply or a notification (OUTBOUND_EMAIL_QUEUED), then
 * `send` it now or let the OutboundDispatcher sweeper send what is due (OUTBOUND_EMAIL_SENT /
 * OUTBOUND_EMAIL_FAILED; 4xx and connection errors retried with back-off, 5xx final).
 *
 * Notifications carry List-Unsubscribe / List-Unsubscribe-Post (RFC 8058) and Auto-Submitted:
 * auto-generated (RFC 3834), and are not queued to suppressed addresses (the result lists them).
 * Ticket replies thread into the ticket's conversation (In-Reply-To / References) and are never suppressed.
 */
@injectable()
export class OutboundEmailService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OutboundStore,
    private readonly index: MessageIndex,
    private readonly suppressions: SuppressionList,
    private readonly links: UnsubscribeLinks,
    private readonly settings: EmailSettings,
    private readonly attempts: SendAttemptRunner,
  ) {}

  /** Throws EmailInputError naming the field (to, cc, subject, text, from, ticketId, kind); nothing written or emitted. */
  @EmitsEvent('OUTBOUND_EMAIL_QUEUED', outboundQueued)
  async queue(input: QueueEmailInput): Promise<QueueResult> {
    const tenant = currentTenant('OutboundEmailService.queue');
    const kind: OutboundKind = input.kind ?? (input.ticketId ? 'ticket_reply' : 'notification');
    if (!OUTBOUND_KINDS.includes(kind)) throw new EmailInputError('kind', `must be one of ${OUTBOUND_KINDS.join(', ')}`);
    let to = requireAddresses('to', input.to, true);
    const cc = requireAddresses('cc', input.cc, false);
    if (typeof input.subject !== 'string' || !input.subject.trim()) throw new EmailInputError('subject', 'must not be empty');
    if (/[\r\n]/.test(input.subject)) throw new EmailInputError('subject', 'must be one line (no CR or LF)');
    if (typeof input.text !== 'string' || !input.text.trim()) throw new EmailInputError('text', 'must not be empty');
    if (input.html !== undefined && typeof input.html !== 'string') throw new EmailInputError('html', 'must be text');
    if (input.ticketId !== undefined && !UUID.test(input.ticketId)) throw new EmailInputError('ticketId', 'must be a UUID');
    const from = requireAddress('from', input.from ?? (input.ticketId && (await this.mailboxOfTicket(input.ticketId.toLowerCase()))) ?? this.settings.defaultFrom);
    if (kind === 'notification' && (to.length !== 1 || cc.length)) throw new EmailInputError('to', 'of a notification must be exactly one address and no cc (its unsubscribe link is that person\'s)');
    if (kind === 'ticket_reply' && !input.ticketId) throw new EmailInputError('ticketId', 'is required for a ticket reply');

    const suppressed = kind === 'notification' ? await this.suppressions.among(to) : [];
    to = to.filter((a) => !suppressed.some((s) => s.email === a));
    if (!to.length) return { suppressed };

    const at = actionTime();
    const messageId = `${uuidv4()}@${domainOf(from)}`;
    const thread = input.ticketId ? await this.index.ticketThread(input.ticketId.toLowerCase()) : undefined;
    const threadId = thread?.threadId ?? messageId;
    const headers: Record<string, string> = kind === 'notification' ? { 'Auto-Submitted': 'auto-generated', ...(await this.links.headersFor(to[0], messageId)) } : {};
    await this.uow.db('email_outbound_messages').insert({
      tenant,
      message_id: messageId,
      kind,
      from_address: from,
      to_addresses: JSON.stringify(to),
      cc_addresses: JSON.stringify(cc),
      subject: input.subject.trim(),
      text_body: input.text,
      html_body: input.html ?? null,
      extra_headers: JSON.stringify(headers),
      ticket_id: input.ticketId?.toLowerCase() ?? null,
      thread_id: threadId,
      in_reply_to: thread?.lastMessageId ?? null,
      references_ids: JSON.stringify(thread?.messageIds ?? []),
      reply_token: token(),
      envelope_token: token(),
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      queued_at: at,
    });
    await this.index.record({ messageId, threadId, ticketId: input.ticketId?.toLowerCase(), direction: 'out' });
    return { queued: await this.store.get(messageId), suppressed };
  }

  /** The mailbox the ticket's mail came in through (its latest inbound message), so replies come from the address the client wrote to. */
  private async mailboxOfTicket(ticketId: string): Promise<string | undefined> {
    const tenant = currentTenant('OutboundEmailService.mailboxOfTicket');
    const row = await this.uow.db('email_inbound_messages as m')
      .join('email_providers as p', function () {
        this.on('p.tenant', '=', 'm.tenant').andOn('p.provider_id', '=', 'm.provider_id');
      })
      .where({ 'm.tenant': tenant, 'p.tenant': tenant, 'm.ticket_id': ticketId, 'p.status': 'connected' })
      .orderBy('m.received_at', 'desc')
      .first('p.mailbox');
    return row?.mailbox;
  }

  /**
   * Sends a queued message now, even if its next retry is scheduled later. The row stays locked
   * during the SMTP session (SELECT … FOR UPDATE), so a concurrent sweep waits and then finds it
   * sent. Undefined when the message is no longer queued (sent, or failed for good).
   */
  @EmitsEvent('OUTBOUND_EMAIL_SENT', outboundSent)
  @EmitsEvent('OUTBOUND_EMAIL_FAILED', outboundFailed)
  async send(messageId: string): Promise<SendAttempt | undefined> {
    currentTenant('OutboundEmailService.send');
    await this.store.get(messageId);
    return this.attempts.attempt(messageId, { ignoreSchedule: true });
  }

  /** One attempt if the message is queued and due at the emission clock (what the dispatcher sweeper calls per message). */
  @EmitsEvent('OUTBOUND_EMAIL_SENT', outboundSent)
  @EmitsEvent('OUTBOUND_EMAIL_FAILED', outboundFailed)
  async sendIfDue(messageId: string): Promise<SendAttempt | undefined> {
    currentTenant('OutboundEmailService.sendIfDue');
    return this.attempts.attempt(messageId, { ignoreSchedule: false });
  }
}
