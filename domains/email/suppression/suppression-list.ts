import { injectable } from 'tsyringe';
import { actionTime, currentTenant, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { normalizeAddress } from '../shared/addresses';

/** Why notification mail no longer goes to an address. */
export type SuppressionReason = 'unsubscribed' | 'complaint' | 'policy_bounce';

export interface Suppression {
  email: string;
  reason: SuppressionReason;
}

/**
 * The tenant's suppression list. Notification mail is not queued to a listed address (RFC 8058
 * opt-outs, ARF complaints, 5.7.x policy bounces); ticket replies are not affected, since the
 * person wrote to us and expects the answer.
 */
@injectable()
export class SuppressionList {
  constructor(private readonly uow: UnitOfWork) {}

  /** Adds an address; false when it was already listed for that reason (nothing new). */
  async add(email: string, reason: SuppressionReason, messageId?: string): Promise<boolean> {
    const tenant = currentTenant('SuppressionList.add');
    return insertIfAbsent(this.uow.db, 'email_suppressions', { tenant, email: normalizeAddress(email), reason, message_id: messageId ?? null, created_at: actionTime() }, ['tenant', 'email', 'reason']);
  }

  /** The listed addresses among `emails`, each with its first reason. */
  async among(emails: string[]): Promise<Suppression[]> {
    if (!emails.length) return [];
    const tenant = currentTenant('SuppressionList.among');
    const rows = await this.uow.db('email_suppressions').where({ tenant }).whereIn('email', emails.map(normalizeAddress)).orderBy('created_at').select('email', 'reason');
    const seen = new Map<string, SuppressionReason>();
    for (const r of rows) if (!seen.has(r.email)) seen.set(r.email, r.reason);
    return [...seen].map(([email, reason]) => ({ email, reason }));
  }
}
