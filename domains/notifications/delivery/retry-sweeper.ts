import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { Notification } from '../inbox/notification';
import { notificationsRetried } from '../inbox/notification-mappers';
import { toNotification } from '../inbox/notification-rows';

/** Attempts per notification, the first included. */
export const MAX_ATTEMPTS = 4;
/** Wait before the retry after attempt n: 5 min × 2^(n−1) (5, 10, 20 minutes). */
export const retryDelayMs = (attempts: number) => 5 * 60_000 * 2 ** (attempts - 1);

/**
 * Hands retryable failures (gateway down, throttled, timed out) to their channel again once their
 * back-off has passed, up to MAX_ATTEMPTS: NOTIFICATION_SENT again for the same notification,
 * then the worker's delivery handler tries the gateway (same idempotency key). Runs with
 * `wfe sweep notifications` and on an interval in `wfe serve`; each attempt is claimed by its
 * number with a conditional UPDATE, so overlapping sweeps retry once.
 */
@injectable()
export class NotificationRetrySweeper {
  constructor(private readonly uow: UnitOfWork) {}

  @EmitsEvent('NOTIFICATION_SENT', notificationsRetried)
  async sweep(now: Date = actionTime()): Promise<Notification[]> {
    const db = this.uow.db;
    const failed = await db('notifications').where({ status: 'failed', retryable: true }).where('attempts', '<', MAX_ATTEMPTS).orderBy(['failed_at', 'notification_id']).limit(500);
    const retried: Notification[] = [];
    for (const n of failed.map(toNotification)) {
      if (n.failedAt!.getTime() + retryDelayMs(n.attempts) > now.getTime()) continue;
      const claimed = await db('notifications')
        .where({ tenant: n.tenantId, notification_id: n.id, status: 'failed', attempts: n.attempts })
        .update({ status: 'queued', attempts: n.attempts + 1, sent_at: now, failed_at: null, error_code: null, error_message: null, retryable: null });
      if (claimed) retried.push(toNotification(await db('notifications').where({ tenant: n.tenantId, notification_id: n.id }).first()));
    }
    return retried;
  }
}
