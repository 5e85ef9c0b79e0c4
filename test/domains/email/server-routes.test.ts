import { expect } from 'chai';
import { createServer } from '../../../src/http/server';
import { createTestApp } from '../../tooling/support/app';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('email: routes inside the wfe server', (target) => {
  it('createServer mounts the Graph handshake, the Gmail push, the sending-service webhooks and the unsubscribe link beside the other routes', async function () {
    this.timeout(30_000);
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const handshake = await server.inject({ method: 'POST', url: '/webhooks/email/microsoft?validationToken=abc%20123' });
      expect([handshake.statusCode, handshake.body]).to.deep.equal([200, 'abc 123']);
      const unknownSubscription = await server.inject({ method: 'POST', url: '/webhooks/email/microsoft', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ value: [{ subscriptionId: 'x', clientState: 'y', changeType: 'created' }] }) });
      expect(unknownSubscription.statusCode).to.equal(401);
      expect((await server.inject({ method: 'POST', url: '/webhooks/email/google', payload: '{}' })).statusCode).to.equal(401);
      expect((await server.inject({ method: 'POST', url: '/webhooks/email/sendgrid/not-a-tenant', payload: '[]' })).statusCode).to.equal(404);
      expect((await server.inject({ method: 'GET', url: '/email/unsubscribe?token=x' })).statusCode).to.equal(200);
      expect((await server.inject({ method: 'POST', url: '/email/unsubscribe?token=x', payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).to.equal(401);
      expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).to.equal(200);
    } finally {
      await server.close();
      await dispose();
    }
  });
});
