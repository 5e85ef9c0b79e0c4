import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { NotificationInputError, NotificationNotFoundError, NotificationStateError } from '../../../domains/notifications';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { freshNotificationDeskPerTest } from './notification-desk';

forEachDatabase('notifications: the in-app inbox', (target) => {
  const nd = freshNotificationDeskPerTest(target);
  const asTechnician = <T>(fn: () => Promise<T>) => nd.kit.run(fn, { actorUserId: nd.technicianId });

  it('the first fetch delivers each notification once; reading emits NOTIFICATION_READ once', async () => {
    const { kit } = nd;
    const ticket = await nd.assignedTicket();
    kit.events.clear();
    const first = await asTechnician(() => nd.notifications.inbox(nd.technicianId));
    expect(first.notifications).to.have.length(1);
    const [n] = first.notifications;
    expect(n).to.include({ channel: 'in_app', contextId: ticket.id, status: 'delivered' });
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({
      notificationId: n.id,
      channel: 'in_app',
      recipientId: nd.technicianId,
      deliveredAt: ISO_DATE_TIME,
      actorUserId: nd.technicianId,
    }).times(1);
    await asTechnician(() => nd.notifications.inbox(nd.technicianId));
    expect(kit.events.ofType('NOTIFICATION_DELIVERED')).to.have.length(1);

    const read = await asTechnician(() => nd.notifications.markRead(n.id, { recipientId: nd.technicianId, client: 'ios' }));
    expect(read.changed).to.equal(true);
    expect(kit.events).to.have.emitted('NOTIFICATION_READ').withPayload({ notificationId: n.id, channel: 'in_app', recipientId: nd.technicianId, readAt: ISO_DATE_TIME, client: 'ios' }).times(1);
    const again = await asTechnician(() => nd.notifications.markRead(n.id, { recipientId: nd.technicianId }));
    expect(again.changed).to.equal(false);
    expect(kit.events.ofType('NOTIFICATION_READ')).to.have.length(1);
    expect((await asTechnician(() => nd.notifications.inbox(nd.technicianId, { unreadOnly: true }))).notifications).to.be.empty;
  });

  it('reading one the app never fetched delivers it first', async () => {
    const { kit } = nd;
    await nd.assignedTicket();
    const [row] = await nd.rows();
    kit.events.clear();
    await asTechnician(() => nd.notifications.markRead(row.notification_id));
    expect(kit.events.types()).to.deep.equal(['NOTIFICATION_DELIVERED', 'NOTIFICATION_READ']);
  });

  it("refusals: bad ids name the field, another recipient's notification is not found, SMS reports no reads; nothing written or emitted", async () => {
    const { kit } = nd;
    await nd.technicianWants(['in_app', 'sms']);
    await nd.assignedTicket();
    const rows = await nd.rows();
    const sms = rows.find((r) => r.channel === 'sms');
    const inApp = rows.find((r) => r.channel === 'in_app');
    kit.events.clear();
    const attempts: Array<[() => Promise<unknown>, Function, string?]> = [
      [() => nd.notifications.markRead('nope'), NotificationInputError, 'notificationId'],
      [() => nd.notifications.markRead(inApp.notification_id, { client: 'bad client!' }), NotificationInputError, 'client'],
      [() => nd.notifications.inbox('nope'), NotificationInputError, 'recipientId'],
      [() => nd.notifications.inbox(nd.technicianId, { limit: 0 }), NotificationInputError, 'limit'],
      [() => nd.notifications.markRead(inApp.notification_id, { recipientId: uuidv4() }), NotificationNotFoundError],
      [() => nd.notifications.markRead(uuidv4()), NotificationNotFoundError],
      [() => nd.notifications.markRead(sms.notification_id), NotificationStateError],
      [() => nd.notifications.queue({ recipientId: nd.technicianId, channel: 'fax' as never, subject: 'x', body: 'y' }), NotificationInputError, 'channel'],
      [() => nd.notifications.queue({ recipientId: nd.technicianId, channel: 'in_app', subject: ' ', body: 'y' }), NotificationInputError, 'subject'],
      [() => nd.notifications.queue({ recipientId: nd.technicianId, channel: 'in_app', subject: 'x', body: 'y', contextId: uuidv4() }), NotificationInputError, 'contextType'],
      [() => nd.preferences.setAddress(nd.technicianId, 'sms', '555-1234'), NotificationInputError, 'address'],
      [() => nd.preferences.setChannels(nd.technicianId, 'ticket_assigned', ['pigeon' as never]), NotificationInputError, 'channels[0]'],
    ];
    for (const [attempt, kind, field] of attempts) {
      const err: any = await asTechnician(attempt).catch((e) => e);
      expect(err, String(attempt)).to.be.instanceOf(kind);
      if (field) expect(err.field).to.equal(field);
    }
    expect(kit.events.all).to.be.empty;
    expect(await nd.rows()).to.deep.equal(rows);
  });

  it('a queued request with the same source event, recipient and channel is a no-op', async () => {
    const { kit } = nd;
    const request = { recipientId: nd.technicianId, channel: 'in_app' as const, subject: 'Maintenance tonight', body: 'The RMM goes down at 22:00.', sourceEventId: 'evt-1' };
    const first = await nd.run(() => nd.notifications.queue(request));
    const second = await nd.run(() => nd.notifications.queue(request));
    expect([first.created, second.created]).to.deep.equal([true, false]);
    expect(second.notification.id).to.equal(first.notification.id);
    expect(kit.events.ofType('NOTIFICATION_SENT')).to.have.length(1);
  });

  if (target.name === 'postgres') {
    it('races: two reads at once emit one NOTIFICATION_READ; two fetches at once deliver once', async () => {
      const { kit } = nd;
      await nd.assignedTicket();
      const [row] = await nd.rows();
      kit.events.clear();
      await Promise.all([asTechnician(() => nd.notifications.inbox(nd.technicianId)), asTechnician(() => nd.notifications.inbox(nd.technicianId))]);
      await Promise.all([asTechnician(() => nd.notifications.markRead(row.notification_id)), asTechnician(() => nd.notifications.markRead(row.notification_id))]);
      expect(kit.events.types()).to.deep.equal(['NOTIFICATION_DELIVERED', 'NOTIFICATION_READ']);
    });
  }
});
