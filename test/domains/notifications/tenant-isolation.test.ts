import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { NotificationNotFoundError } from '../../../domains/notifications';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { freshNotificationDeskPerTest } from './notification-desk';

forEachDatabase("notifications: one tenant cannot reach another tenant's notifications", (target) => {
  const nd = freshNotificationDeskPerTest(target);

  it('every statement of the notification services and handlers is scoped by tenant', async () => {
    const unscoped = await unscopedQueries(nd.kit.db, async () => {
      await nd.technicianWants(['in_app', 'sms']);
      await nd.run(() => nd.preferences.watchTeam(nd.teamId, nd.watcherId));
      await nd.assignedTicket();
      const { notifications } = await nd.run(() => nd.notifications.inbox(nd.technicianId));
      await nd.run(() => nd.notifications.markRead(notifications[0].id));
    });
    expect(unscoped.filter((sql) => /notification/.test(sql))).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's notifications and an empty inbox", async () => {
    await nd.assignedTicket();
    const [row] = await nd.rows();
    const tenantB = { tenantId: uuidv4() };
    expect(await nd.desk.run(() => nd.notifications.markRead(row.notification_id), tenantB).catch((e) => e)).to.be.instanceOf(NotificationNotFoundError);
    expect((await nd.desk.run(() => nd.notifications.inbox(nd.technicianId), tenantB)).notifications).to.deep.equal([]);
    expect((await nd.rows())[0]).to.deep.equal(row);
  });
});
