import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, readDate, readJson, UnitOfWork } from '../../../lib/kit';
import { EmailNotFoundError } from '../shared/email-errors';
import { OutboundEmail } from './outbound';

/** Reads the send queue (tenant-scoped) and maps rows to OutboundEmail. */
@injectable()
export class OutboundStore {
  constructor(private readonly uow: UnitOfWork) {}

  async get(messageId: string, options: { forUpdate?: boolean } = {}): Promise<OutboundEmail> {
    const tenant = currentTenant('OutboundStore.get');
    let q = this.uow.db('email_outbound_messages').where({ tenant, message_id: messageId });
    if (options.forUpdate) q = q.modify(forUpdate(this.uow.db));
    const row = await q.first();
    if (!row) throw new EmailNotFoundError('outbound email', messageId);
    return toOutbound(row);
  }

  /** The message whose reply or envelope token this is, if any. */
  async byToken(column: 'reply_token' | 'envelope_token', token: string): Promise<OutboundEmail | undefined> {
    const tenant = currentTenant('OutboundStore.byToken');
    const row = await this.uow.db('email_outbound_messages').where({ tenant, [column]: token.toLowerCase() }).first();
    return row ? toOutbound(row) : undefined;
  }

  /** The message the SMTP server or sending service gave this id. */
  async byProviderId(providerMessageId: string): Promise<OutboundEmail | undefined> {
    const tenant = currentTenant('OutboundStore.byProviderId');
    const row = await this.uow.db('email_outbound_messages').where({ tenant, provider_message_id: providerMessageId }).first();
    return row ? toOutbound(row) : undefined;
  }

  async find(messageId: string): Promise<OutboundEmail | undefined> {
    const tenant = currentTenant('OutboundStore.find');
    const row = await this.uow.db('email_outbound_messages').where({ tenant, message_id: messageId }).first();
    return row ? toOutbound(row) : undefined;
  }
}

export function toOutbound(row: Record<string, any>): OutboundEmail {
  return {
    messageId: row.message_id,
    tenantId: row.tenant,
    kind: row.kind,
    from: row.from_address,
    to: readJson<string[]>(row.to_addresses),
    cc: readJson<string[]>(row.cc_addresses),
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? undefined,
    headers: readJson<Record<string, string>>(row.extra_headers),
    ticketId: row.ticket_id ?? undefined,
    threadId: row.thread_id ?? undefined,
    inReplyTo: row.in_reply_to ?? undefined,
    references: readJson<string[]>(row.references_ids),
    replyToken: row.reply_token,
    envelopeToken: row.envelope_token,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: readDate(row.next_attempt_at) ?? undefined,
    providerMessageId: row.provider_message_id ?? undefined,
    lastErrorCode: row.last_error_code ?? undefined,
    lastErrorMessage: row.last_error_message ?? undefined,
    queuedAt: readDate(row.queued_at)!,
    sentAt: readDate(row.sent_at) ?? undefined,
    failedAt: readDate(row.failed_at) ?? undefined,
  };
}
