import { injectable } from 'tsyringe';
import { actionTime, Sweeper, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { SendAttempt } from './outbound';
import { OutboundEmailService } from './outbound-service';

/**
 * The send queue's sweeper (`wfe sweep email`, and on an interval in `wfe serve`): sends every
 * queued message whose next attempt is due, each in its own transaction as its tenant (actor
 * SYSTEM). Two sweeps at once send a message once: the row is locked while it is sent and the
 * second finds it no longer queued or not yet due.
 */
@injectable()
export class OutboundDispatcher implements Sweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbound: OutboundEmailService,
  ) {}

  async sweep(now: Date = actionTime()): Promise<SendAttempt[]> {
    const due = await this.uow.db('email_outbound_messages').where({ status: 'queued' }).where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(200).select('tenant', 'message_id');
    const done: SendAttempt[] = [];
    for (const row of due) {
      const attempt = await withEmissionContext({ tenantId: row.tenant, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, () => this.outbound.sendIfDue(row.message_id));
      if (attempt) done.push(attempt);
    }
    return done;
  }
}
