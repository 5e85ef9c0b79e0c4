import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { v4 as uuidv4 } from 'uuid';
import { DeliveryService, NotificationPreferenceService, NotificationService } from '../../../domains/notifications';
import { withEmissionContext } from '../../../lib/emission/emission-context';
import { createServer } from '../../../src/http/server';
import { forEachDatabase } from '../../support/databases';
import { createTestApp } from '../../tooling/support/app';
import { LocalGateway } from './gateway-server';

forEachDatabase('notifications: signed delivery receipts from the SMS gateway', (target) => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let gateway: LocalGateway;
  beforeEach(async () => {
    gateway = await new LocalGateway().start();
    gateway.answer = (n) => ({ status: 202, body: { id: `Q-${n}`, status: 'queued' } });
    process.env.WFE_SMS_GATEWAY_URL = gateway.url;
    process.env.WFE_SMS_GATEWAY_WEBHOOK_SECRET = secret;
  });
  afterEach(async () => {
    delete process.env.WFE_SMS_GATEWAY_URL;
    delete process.env.WFE_SMS_GATEWAY_WEBHOOK_SECRET;
    await gateway.stop();
  });

  const signed = (body: string, { id = `msg_${uuidv4()}`, at = new Date(), key = secret } = {}) => ({
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(key).sign(id, at, body),
  });

  it('a signed "delivered" receipt delivers an accepted SMS once; bad signatures, stale timestamps and replays change nothing', async () => {
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const tenantId = uuidv4();
      const userId = uuidv4();
      const ctx = { tenantId, actorUserId: uuidv4() };
      const { notification } = await withEmissionContext(ctx, async () => {
        await app.runtime.resolve(NotificationPreferenceService).setAddress(userId, 'sms', '+15550100777');
        const queued = await app.runtime.resolve(NotificationService).queue({ recipientId: userId, channel: 'sms', subject: 'Disk almost full on FS01', body: '95% used.' });
        // What the worker's delivery handler does for NOTIFICATION_SENT: the gateway only accepts it.
        await app.runtime.resolve(DeliveryService).deliver(queued.notification.id);
        return queued;
      });
      const row = async () => app.runtime.db('notifications').where({ notification_id: notification.id }).first();
      expect(await row()).to.include({ status: 'queued', provider_message_id: 'Q-1' });

      const url = `/notifications/receipts/sms/${tenantId}`;
      const body = JSON.stringify({ id: 'Q-1', status: 'delivered' });
      const refused = [
        signed(body, { key: `whsec_${randomBytes(24).toString('base64')}` }),
        signed(body, { at: new Date(Date.now() - 10 * 60_000) }),
        signed(body, { at: new Date(Date.now() + 10 * 60_000) }),
        { 'content-type': 'application/json' },
      ];
      for (const headers of refused) {
        const res = await server.inject({ method: 'POST', url, headers, payload: body });
        expect(res.statusCode, res.body).to.equal(401);
      }
      expect(await row()).to.include({ status: 'queued' });
      expect(await app.runtime.db('notification_gateway_receipts')).to.be.empty;

      const headers = signed(body);
      const ok = await server.inject({ method: 'POST', url, headers, payload: body });
      expect(ok.statusCode, ok.body).to.equal(200);
      expect(ok.json()).to.deep.include({ duplicate: false, matched: true });
      const replay = await server.inject({ method: 'POST', url, headers, payload: body });
      expect(replay.json()).to.deep.include({ duplicate: true });
      expect(await row()).to.include({ status: 'delivered' });
      const delivered = await app.runtime.db('event_outbox').where({ event_type: 'NOTIFICATION_DELIVERED' });
      expect(delivered).to.have.length(1);

      const malformed = await server.inject({ method: 'POST', url, headers: signed('not json'), payload: 'not json' });
      expect(malformed.statusCode).to.equal(400);
      const otherTenant = await server.inject({ method: 'POST', url: `/notifications/receipts/sms/${uuidv4()}`, headers: signed(body), payload: body });
      expect(otherTenant.json()).to.deep.include({ matched: false });
    } finally {
      await server.close();
      await dispose();
    }
  });
});
