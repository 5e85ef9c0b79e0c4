import { expect } from 'chai';
import sinon from 'sinon';
import { createHash } from 'node:crypto';
import { HmacSha256Scheme, IntegrationInputError, ReferenceAdapter, signWebhook } from '../../../domains/integrations';
import { createServer } from '../../../src/http/server';
import { createTestApp } from '../../tooling/support/app';
import { forEachDatabase } from '../../support/databases';
import { freshIntegrationsDeskPerTest, IntegrationsDesk } from './integrations-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const STANDARD = { kind: 'standard-webhooks' } as const;
const HMAC: HmacSha256Scheme = { kind: 'hmac-sha256', signatureHeader: 'X-Signature-256', signaturePrefix: 'sha256=', encoding: 'hex', deliveryIdHeader: 'X-Webhook-Id', timestampHeader: 'X-Webhook-Timestamp' };

const event = (type: string, data: unknown = { id: 'C-1' }) => JSON.stringify({ type, timestamp: T0.toISOString(), data });

forEachDatabase('integrations: signed inbound webhooks', (target) => {
  const desk = freshIntegrationsDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const post = async (connectionId: string, delivery: { body: string; headers: Record<string, string> }) =>
    (await desk.server()).inject({ method: 'POST', url: `/webhooks/integrations/${connectionId}`, headers: delivery.headers, payload: delivery.body });
  const deliveries = () => desk.kit.db('integration_webhook_deliveries');

  it('a correctly signed delivery: 200 and INTEGRATION_WEBHOOK_RECEIVED with the raw body kept', async () => {
    const { kit } = desk;
    const { connection, secret } = await desk.connectWithWebhooks();
    const body = event('customer.updated');
    const res = await post(connection.id, signWebhook(STANDARD, secret, body, { id: 'msg_2bT7' }));
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.json()).to.deep.equal({ received: true, duplicate: false, webhookId: 'msg_2bT7', eventName: 'customer.updated' });
    const ref = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    expect(kit.events).to.have.emitted('INTEGRATION_WEBHOOK_RECEIVED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      webhookId: 'msg_2bT7',
      eventName: 'customer.updated',
      receivedAt: T0.toISOString(),
      rawPayloadRef: ref,
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect((await kit.runtime.blobStore.read(ref)).toString('utf8')).to.equal(body);
  });

  it('a retry or replay of a delivery id emits nothing twice, even concurrently', async () => {
    const { connection, secret } = await desk.connectWithWebhooks();
    const delivery = signWebhook(STANDARD, secret, event('invoice.paid'), { id: 'msg_once' });
    const answers = await Promise.all([post(connection.id, delivery), post(connection.id, delivery), post(connection.id, delivery)]);
    expect(answers.map((a) => a.statusCode)).to.deep.equal([200, 200, 200]);
    expect(answers.filter((a) => a.json().duplicate)).to.have.length(2);
    clock!.tick(60_000);
    expect((await post(connection.id, delivery)).json()).to.include({ duplicate: true });
    expect(desk.kit.events.ofType('INTEGRATION_WEBHOOK_RECEIVED')).to.have.length(1);
    expect(await deliveries()).to.have.length(1);
  });

  it('bad or missing signatures get 401 and leave nothing behind', async () => {
    const { connection, secret } = await desk.connectWithWebhooks();
    const good = signWebhook(STANDARD, secret, event('customer.updated'));
    const tampered = await post(connection.id, { ...good, body: event('customer.deleted') });
    const otherSecret = await post(connection.id, signWebhook(STANDARD, 'whsec_' + Buffer.from('another secret of 24 by').toString('base64'), event('x')));
    const unsigned = await post(connection.id, { body: good.body, headers: { 'content-type': 'application/json' } });
    for (const res of [tampered, otherSecret, unsigned]) {
      expect(res.statusCode).to.equal(401);
      expect(res.json().error).to.equal('WEBHOOK_SIGNATURE_INVALID');
    }
    expect(await deliveries()).to.be.empty;
    expect(desk.kit.events.all.filter((e) => e.eventType === 'INTEGRATION_WEBHOOK_RECEIVED')).to.be.empty;
  });

  it('stale and future timestamps are refused (replays outside the tolerance)', async () => {
    const { connection, secret } = await desk.connectWithWebhooks();
    const stale = await post(connection.id, signWebhook(STANDARD, secret, event('a'), { timestamp: new Date(T0.getTime() - 6 * 60_000) }));
    const future = await post(connection.id, signWebhook(STANDARD, secret, event('b'), { timestamp: new Date(T0.getTime() + 6 * 60_000) }));
    expect([stale.statusCode, future.statusCode]).to.deep.equal([401, 401]);
    expect([stale.json().error, future.json().error]).to.deep.equal(['WEBHOOK_TIMESTAMP_REFUSED', 'WEBHOOK_TIMESTAMP_REFUSED']);
    const edge = await post(connection.id, signWebhook(STANDARD, secret, event('c'), { timestamp: new Date(T0.getTime() - 4 * 60_000) }));
    expect(edge.statusCode).to.equal(200);
    expect(await deliveries()).to.have.length(1);
  });

  it('a correctly signed body that is not JSON, or names no event, gets 400 — no crash, nothing stored', async () => {
    const { connection, secret } = await desk.connectWithWebhooks();
    const notJson = await post(connection.id, signWebhook(STANDARD, secret, 'not json at all'));
    expect(notJson.statusCode).to.equal(400);
    expect(notJson.json().error).to.equal('WEBHOOK_BODY_NOT_JSON');
    const noType = await post(connection.id, signWebhook(STANDARD, secret, JSON.stringify({ data: {} })));
    expect(noType.json().error).to.equal('WEBHOOK_EVENT_NAME_MISSING');
    const empty = await post(connection.id, signWebhook(STANDARD, secret, ''));
    expect(empty.statusCode).to.equal(400);
    expect(await deliveries()).to.be.empty;
    // The endpoint still works.
    expect((await post(connection.id, signWebhook(STANDARD, secret, event('ok')))).statusCode).to.equal(200);
  });

  it('unknown connection 404, disconnected 410, no secret configured 401', async () => {
    const { connection, secret } = await desk.connectWithWebhooks();
    const bare = await desk.connect();
    expect((await post('00000000-0000-4000-8000-000000000000', signWebhook(STANDARD, secret, event('a')))).statusCode).to.equal(404);
    expect((await post('not-a-uuid', signWebhook(STANDARD, secret, event('a')))).statusCode).to.equal(404);
    expect((await post(bare.id, signWebhook(STANDARD, secret, event('a')))).json()).to.include({ error: 'WEBHOOK_SECRET_MISSING' });
    await desk.run(() => desk.connections.disconnect(connection.id));
    expect((await post(connection.id, signWebhook(STANDARD, secret, event('a')))).statusCode).to.equal(410);
    expect(await deliveries()).to.be.empty;
  });

  it("the provider's revocation notice disconnects the connection: WEBHOOK_RECEIVED, then DISCONNECTED", async () => {
    const { kit } = desk;
    const { connection, secret } = await desk.connectWithWebhooks();
    const res = await post(connection.id, signWebhook(STANDARD, secret, event('grant.revoked', { reason: 'admin' }), { id: 'msg_rev' }));
    expect(res.statusCode).to.equal(200);
    expect(kit.events).to.have.emittedInOrder(['INTEGRATION_WEBHOOK_RECEIVED', 'INTEGRATION_DISCONNECTED']);
    expect(kit.events).to.have.emitted('INTEGRATION_DISCONNECTED').withPayload({
      connectionId: connection.id,
      disconnectedAt: T0.toISOString(),
      reason: 'revoked by provider (grant.revoked)',
      actorType: 'SYSTEM',
    }).times(1);
    expect(kit.events.payloads('INTEGRATION_DISCONNECTED')[0]).not.to.have.property('disconnectedByUserId');
    expect(await desk.get(connection.id)).to.include({ status: 'disconnected', hasRefreshToken: false, hasWebhookSecret: false });
  });

  it('HMAC-SHA256 providers: signature over timestamp and body, constant-time compare, tolerance both ways', async () => {
    const { kit } = desk;
    desk.adapters.register(new ReferenceAdapter({ provider: 'reference-hmac', webhookScheme: HMAC }));
    const integration = await desk.run(() => desk.integrations.register({ provider: 'reference-hmac', name: 'RMM', issuer: desk.provider.url, clientId: 'rmm' }));
    const connection = await desk.connect(undefined, integration.id);
    const secret = 'rmm-shared-secret-123456';
    const short = await desk.run(() => desk.connections.setWebhookSecret(connection.id, 'short')).catch((e) => e);
    expect(short).to.be.instanceOf(IntegrationInputError).and.to.include({ field: 'secret' });
    await desk.run(() => desk.connections.setWebhookSecret(connection.id, secret));
    const good = signWebhook(HMAC, secret, event('device.offline'), { id: 'd-1' });
    expect(good.headers['X-Signature-256']).to.match(/^sha256=[0-9a-f]{64}$/);
    expect((await post(connection.id, good)).statusCode).to.equal(200);
    expect(kit.events).to.have.emitted('INTEGRATION_WEBHOOK_RECEIVED').withPayload({ integrationId: integration.id, provider: 'reference-hmac', webhookId: 'd-1', eventName: 'device.offline' });
    const tampered = await post(connection.id, { ...good, body: event('device.online') });
    const stale = await post(connection.id, signWebhook(HMAC, secret, event('x'), { timestamp: new Date(T0.getTime() - 301_000) }));
    const future = await post(connection.id, signWebhook(HMAC, secret, event('y'), { timestamp: new Date(T0.getTime() + 301_000) }));
    expect([tampered, stale, future].map((r) => [r.statusCode, r.json().error])).to.deep.equal([
      [401, 'WEBHOOK_SIGNATURE_INVALID'],
      [401, 'WEBHOOK_TIMESTAMP_REFUSED'],
      [401, 'WEBHOOK_TIMESTAMP_REFUSED'],
    ]);
    expect((await post(connection.id, good)).json()).to.include({ duplicate: true });
    expect(kit.events.ofType('INTEGRATION_WEBHOOK_RECEIVED')).to.have.length(1);
  });

  it('Standard Webhooks secrets are checked when configured', async () => {
    const connection = await desk.connect();
    const err = await desk.run(() => desk.connections.setWebhookSecret(connection.id, 'whsec_')).catch((e) => e);
    expect(err).to.be.instanceOf(IntegrationInputError).and.to.include({ field: 'secret' });
  });
});

forEachDatabase('integrations: the webhook endpoint inside the wfe server', (target) => {
  it('createServer mounts POST /webhooks/integrations/:connectionId beside the other routes, verifying raw bytes', async function () {
    this.timeout(20_000);
    const { app, dispose } = await createTestApp(target);
    const desk = await IntegrationsDesk.create(target);
    try {
      // The app's runtime and the desk's kit are separate databases: connect through the app's services.
      const server = createServer(app);
      const runtime = app.runtime;
      const { ConnectionService, IntegrationService } = await import('../../../domains/integrations');
      const ctx = { tenantId: desk.kit.tenantId, actorUserId: desk.kit.actorUserId };
      const { withEmissionContext } = await import('../../../lib/emission/emission-context');
      const integration = await withEmissionContext(ctx, () => runtime.resolve(IntegrationService).register({ provider: 'reference', name: 'Accounting', issuer: desk.provider.url, clientId: 'app' }));
      const connections = runtime.resolve(ConnectionService);
      const request = await withEmissionContext(ctx, () => connections.beginAuthorization({ integrationId: integration.id, redirectUri: 'http://127.0.0.1/cb' }));
      const callbackUrl = await desk.authorize(request.authorizationUrl);
      await withEmissionContext(ctx, () => connections.completeAuthorization({ state: request.state, callbackUrl }));
      const secret = 'whsec_' + Buffer.from('a secret of twenty-four!').toString('base64');
      await withEmissionContext(ctx, () => connections.setWebhookSecret(request.connectionId, secret));
      // Whitespace that JSON parsing would lose: the signature is over the exact bytes.
      const delivery = signWebhook(STANDARD, secret, '{ "type" : "customer.created",\n  "data": {} }');
      const res = await server.inject({ method: 'POST', url: `/webhooks/integrations/${request.connectionId}`, headers: delivery.headers, payload: delivery.body });
      expect(res.statusCode, res.body).to.equal(200);
      expect(res.json()).to.include({ eventName: 'customer.created', duplicate: false });
      expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).to.equal(200);
      await server.close();
    } finally {
      await desk.close();
      await dispose();
    }
  });
});
