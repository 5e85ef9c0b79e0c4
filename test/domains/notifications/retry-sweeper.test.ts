import { expect } from 'chai';
import { MAX_ATTEMPTS, NotificationRetrySweeper } from '../../../domains/notifications';
import { forEachDatabase } from '../../support/databases';
import { freshNotificationDeskPerTest } from './notification-desk';

const MIN = 60_000;

forEachDatabase('notifications: the retry sweeper', (target) => {
  const nd = freshNotificationDeskPerTest(target);
  const sweep = (at: Date) => nd.kit.run(() => nd.kit.resolve(NotificationRetrySweeper).sweep(at), { actorUserId: undefined, actorType: 'SYSTEM' });
  const failedAt = async () => new Date((await nd.rows())[0].failed_at);

  it('retries a retryable failure after its back-off, exactly once per attempt even when sweeps overlap, until the gateway delivers', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    let calls = 0;
    nd.sms.answer = (n) => (++calls <= 2 ? { status: 503, body: { error: 'carrier busy' } } : { status: 200, body: { id: `MSG-${n}`, status: 'delivered' } });
    await nd.assignedTicket();
    const [row] = await nd.rows();
    expect(kit.events.ofType('NOTIFICATION_FAILED')).to.have.length(1);

    const first = (await failedAt()).getTime();
    expect(await sweep(new Date(first + 4 * MIN))).to.deep.equal([]);
    await sweep(new Date(first + 5 * MIN));
    await nd.settle();
    // The handler's hand-over, then the sweeper's retry of the same notification.
    expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({ notificationId: row.notification_id, channel: 'sms', tenantId: kit.tenantId, actorType: 'SYSTEM' }).times(2);
    expect(kit.events.ofType('NOTIFICATION_FAILED')).to.have.length(2);

    // Second failure: 10 minutes of back-off; three sweeps at once retry it once.
    const second = (await failedAt()).getTime();
    await Promise.all([sweep(new Date(second + 10 * MIN)), sweep(new Date(second + 10 * MIN)), sweep(new Date(second + 10 * MIN))]);
    await nd.settle();
    expect(kit.events.ofType('NOTIFICATION_SENT')).to.have.length(3);
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({ notificationId: row.notification_id, providerMessageId: 'MSG-1' }).times(1);
    expect((await nd.rows())[0]).to.include({ status: 'delivered', attempts: 3 });
    expect(new Set(nd.sms.requests.map((r) => r.idempotencyKey))).to.deep.equal(new Set([row.notification_id]));
  });

  it('permanent failures are never retried, and retries stop after MAX_ATTEMPTS', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    nd.sms.answer = () => ({ status: 400, body: { error: 'not a mobile number' } });
    await nd.assignedTicket();
    expect(await sweep(new Date(Date.now() + 24 * 60 * MIN))).to.deep.equal([]);

    await kit.db('notifications').update({ retryable: true, attempts: MAX_ATTEMPTS });
    expect(await sweep(new Date(Date.now() + 24 * 60 * MIN))).to.deep.equal([]);
  });
});
