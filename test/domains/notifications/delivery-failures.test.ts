import { expect } from 'chai';
import { ConfiguredPushGateway, NotificationStateError, PushGateway, SmsGateway } from '../../../domains/notifications';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { deadGatewayUrl } from './gateway-server';
import { freshNotificationDeskPerTest } from './notification-desk';

forEachDatabase('notifications: failed deliveries and retries', (target) => {
  const nd = freshNotificationDeskPerTest(target);

  it('a gateway that answers 503 fails the notification as retryable; a retry after it recovers delivers it', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    nd.sms.answer = () => ({ status: 503, body: { error: 'carrier link down' } });
    await nd.assignedTicket();
    const [row] = await nd.rows();
    expect(kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({
      notificationId: row.notification_id,
      channel: 'sms',
      recipientId: nd.technicianId,
      failedAt: ISO_DATE_TIME,
      errorCode: 'HTTP_503',
      errorMessage: 'sms gateway answered 503: carrier link down',
      retryable: true,
    }).times(1);
    expect(row).to.include({ status: 'failed', error_code: 'HTTP_503' });

    nd.sms.answer = (n) => ({ status: 200, body: { id: `MSG-${n}`, status: 'delivered' } });
    kit.events.clear();
    await nd.run(() => nd.notifications.retry(row.notification_id));
    await nd.settle();
    expect(kit.events).to.have.emitted('NOTIFICATION_SENT').withPayload({ notificationId: row.notification_id, channel: 'sms' }).times(1);
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({ notificationId: row.notification_id, providerMessageId: 'MSG-1' }).times(1);
    expect((await nd.rows())[0]).to.include({ status: 'delivered', attempts: 2 });
    // Delivered now: nothing left to retry.
    const again = await nd.run(() => nd.notifications.retry(row.notification_id)).catch((e) => e);
    expect(again).to.be.instanceOf(NotificationStateError);
  });

  it('a gateway that refuses the number (400) fails it for good: retryable false, and retry is refused', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    nd.sms.answer = () => ({ status: 400, body: { message: 'not a mobile number' } });
    await nd.assignedTicket();
    expect(kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({ errorCode: 'HTTP_400', errorMessage: 'sms gateway answered 400: not a mobile number', retryable: false }).times(1);
    const [row] = await nd.rows();
    kit.events.clear();
    expect(await nd.run(() => nd.notifications.retry(row.notification_id)).catch((e) => e)).to.be.instanceOf(NotificationStateError);
    expect(kit.events.all).to.be.empty;
  });

  it('an unreachable gateway is a retryable GATEWAY_UNAVAILABLE', async () => {
    nd.useGateway(SmsGateway, await deadGatewayUrl());
    await nd.technicianWants(['sms']);
    await nd.assignedTicket();
    expect(nd.kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({ channel: 'sms', errorCode: 'GATEWAY_UNAVAILABLE', retryable: true }).times(1);
  });

  it('a recipient without an address for the channel, or a channel without a gateway, fails for good', async () => {
    const { kit } = nd;
    await nd.run(() => nd.preferences.setChannels(nd.technicianId, 'ticket_assigned', ['email']));
    await nd.assignedTicket();
    expect(kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({ channel: 'email', errorCode: 'NO_ADDRESS', retryable: false }).times(1);
    // The default push sender reads its gateway from the environment; none is configured.
    delete process.env.WFE_PUSH_GATEWAY_URL;
    kit.container.registerInstance(PushGateway as unknown as new () => PushGateway, new ConfiguredPushGateway());
    await nd.technicianWants(['push']);
    await nd.assignedTicket();
    expect(kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({ channel: 'push', errorCode: 'CHANNEL_NOT_CONFIGURED', retryable: false }).times(1);
    expect(kit.events).not.to.have.emitted('NOTIFICATION_DELIVERED');
  });

  it('a gateway that only accepts leaves the notification sent until its delivery receipt confirms it', async () => {
    const { kit } = nd;
    await nd.technicianWants(['sms']);
    nd.sms.answer = (n) => ({ status: 202, body: { id: `Q-${n}`, status: 'queued' } });
    await nd.assignedTicket();
    expect(kit.events).not.to.have.emitted('NOTIFICATION_DELIVERED');
    expect((await nd.rows())[0]).to.include({ status: 'queued', provider_message_id: 'Q-1' });
    await nd.run(() => nd.delivery.confirm('Q-1'));
    await nd.run(() => nd.delivery.confirm('Q-1'));
    await nd.run(() => nd.delivery.confirm('unknown'));
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({ channel: 'sms', providerMessageId: 'Q-1' }).times(1);
  });
});
