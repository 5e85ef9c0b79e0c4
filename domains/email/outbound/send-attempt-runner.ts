import { injectable } from 'tsyringe';
import { actionTime, currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { EmailSettings } from '../settings';
import { SendAttempt } from './outbound';
import { OutboundStore, toOutbound } from './outbound-store';
import { SmtpTransport } from './smtp-transport';

/**
 * One send attempt inside the caller's transaction: locks the queued row, runs the SMTP session,
 * records the outcome. A retryable failure puts the message back in the queue with
 * next_attempt_at = now + retryBaseSeconds·2^(attempts−1) (capped at maxRetrySeconds) until
 * maxAttempts; a 5xx, or the last attempt, fails it for good.
 */
@injectable()
export class SendAttemptRunner {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OutboundStore,
    private readonly smtp: SmtpTransport,
    private readonly settings: EmailSettings,
  ) {}

  async attempt(messageId: string, options: { ignoreSchedule: boolean }): Promise<SendAttempt | undefined> {
    const tenant = currentTenant('SendAttemptRunner.attempt');
    const at = actionTime();
    let q = this.uow.db('email_outbound_messages').where({ tenant, message_id: messageId, status: 'queued' });
    if (!options.ignoreSchedule) q = q.where('next_attempt_at', '<=', at);
    const row = await q.modify(forUpdate(this.uow.db)).first();
    if (!row) return undefined;
    const message = toOutbound(row);
    const attempts = message.attempts + 1;
    const outcome = await this.smtp.send(message);
    const where = { tenant, message_id: messageId };
    if (outcome.accepted) {
      await this.uow.db('email_outbound_messages').where(where).update({ status: 'sent', attempts, sent_at: at, next_attempt_at: null, provider_message_id: outcome.providerMessageId.slice(0, 255) });
      return { message: await this.store.get(messageId), outcome: 'sent', at, providerMessageId: outcome.providerMessageId };
    }
    const retry = outcome.retryable && attempts < this.settings.maxAttempts;
    const delay = Math.min(this.settings.retryBaseSeconds * 2 ** (attempts - 1), this.settings.maxRetrySeconds);
    await this.uow.db('email_outbound_messages').where(where).update({
      status: retry ? 'queued' : 'failed',
      attempts,
      next_attempt_at: retry ? new Date(at.getTime() + delay * 1000) : null,
      failed_at: retry ? null : at,
      last_error_code: outcome.code?.slice(0, 40) ?? null,
      last_error_message: outcome.message,
    });
    return { message: await this.store.get(messageId), outcome: 'failed', at, errorCode: outcome.code, errorMessage: outcome.message, retryable: retry };
  }
}
