import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { NotificationService } from '../../../domains/notifications';
import { withEmissionContext } from '../../../lib/emission/emission-context';
import { createServer } from '../../../src/http/server';
import { forEachDatabase } from '../../support/databases';
import { createTestApp } from '../../tooling/support/app';

forEachDatabase('notifications: inbox routes', (target) => {
  it('GET /notifications lists the caller\'s in-app notifications; POST /notifications/:id/read reads one, once', async () => {
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const tenantId = uuidv4();
      const userId = uuidv4();
      const queued = await withEmissionContext({ tenantId, actorUserId: uuidv4() }, () =>
        app.runtime.resolve(NotificationService).queue({ recipientId: userId, channel: 'in_app', subject: 'Backup failed on FS01', body: 'Nightly backup job failed.' }),
      );
      const headers = { 'x-tenant-id': tenantId, 'x-user-id': userId };
      const list = await server.inject({ method: 'GET', url: '/notifications', headers });
      expect(list.statusCode, list.body).to.equal(200);
      expect(list.json().notifications.map((n: any) => [n.id, n.subject])).to.deep.equal([[queued.notification.id, 'Backup failed on FS01']]);
      // Another user of the tenant sees nothing and cannot read it.
      const other = { 'x-tenant-id': tenantId, 'x-user-id': uuidv4() };
      expect((await server.inject({ method: 'GET', url: '/notifications', headers: other })).json().notifications).to.deep.equal([]);
      expect((await server.inject({ method: 'POST', url: `/notifications/${queued.notification.id}/read`, headers: other, payload: {} })).statusCode).to.equal(404);

      const read = await server.inject({ method: 'POST', url: `/notifications/${queued.notification.id}/read`, headers, payload: { client: 'web' } });
      expect(read.statusCode, read.body).to.equal(200);
      expect(read.json()).to.deep.include({ changed: true });
      const again = await server.inject({ method: 'POST', url: `/notifications/${queued.notification.id}/read`, headers, payload: {} });
      expect(again.json()).to.deep.include({ changed: false });
      expect((await server.inject({ method: 'POST', url: '/notifications/nope/read', headers, payload: {} })).json()).to.include({ error: 'NOTIFICATION_INPUT_INVALID', field: 'notificationId' });
      expect((await server.inject({ method: 'GET', url: '/notifications' })).statusCode).to.equal(400);
      expect((await server.inject({ method: 'GET', url: '/notifications?unread=true', headers })).json().notifications).to.deep.equal([]);
    } finally {
      await server.close();
      await dispose();
    }
  });
});
