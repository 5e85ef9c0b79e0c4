import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import sinon from 'sinon';
import { forEachDatabase } from '../../support/databases';
import { fixture } from './fixtures';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('email: provider notifications (Microsoft Graph, Gmail push)', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const graph = (body: unknown, path = '/webhooks/email/microsoft') => desk.server().then((s) => s.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }));
  const created = (id: string, clientState = 'client-state-secret') => ({
    subscriptionId: 'sub-1',
    clientState,
    changeType: 'created',
    resource: `Users/support@msp.example/Messages/${id}`,
    resourceData: { '@odata.type': '#Microsoft.Graph.Message', id },
    tenantId: 'aad-tenant',
  });

  it('the subscription validation handshake echoes validationToken as text/plain', async () => {
    const s = await desk.server();
    for (const url of ['/webhooks/email/microsoft', '/webhooks/email/microsoft/lifecycle']) {
      const res = await s.inject({ method: 'POST', url: `${url}?validationToken=Validation%3A%20Testing%20client%20application`, payload: '' });
      expect(res.statusCode).to.equal(200);
      expect(res.headers['content-type']).to.match(/^text\/plain/);
      expect(res.body).to.equal('Validation: Testing client application');
    }
  });

  it('a Graph change notification fetches the raw message ($value) and receives it once, even when notified twice', async () => {
    const provider = await desk.connected();
    desk.api.messages.set('AAMkAD1', fixture('new-request.eml'));
    const first = await graph({ value: [created('AAMkAD1')] });
    const second = await graph({ value: [created('AAMkAD1'), created('AAMkAD1')] });
    expect([first.statusCode, second.statusCode]).to.deep.equal([202, 202]);
    expect(first.json()).to.deep.equal({ fetched: 1, received: 1 });
    expect(second.json()).to.deep.equal({ fetched: 2, received: 0 });
    expect(desk.api.calls).to.include('/v1.0/users/support%40msp.example/messages/AAMkAD1/$value');
    expect(desk.kit.events).to.have.emitted('INBOUND_EMAIL_RECEIVED').withPayload({ providerId: provider.id, emailData: { id: 'req-1@client.example' } }).times(1);
    expect(desk.kit.events.ofType('TICKET_CREATED')).to.have.length(1);
  });

  it('a wrong or missing clientState gets 401 and nothing is fetched or stored', async () => {
    await desk.connected();
    desk.api.messages.set('AAMkAD1', fixture('new-request.eml'));
    const wrong = await graph({ value: [created('AAMkAD1', 'guess')] });
    const mixed = await graph({ value: [created('AAMkAD1'), created('AAMkAD1', 'guess')] });
    const missing = await graph({ value: [{ ...created('AAMkAD1'), clientState: undefined }] });
    const unknown = await graph({ value: [{ ...created('AAMkAD1'), subscriptionId: 'sub-other' }] });
    expect([wrong, mixed, missing, unknown].map((r) => r.statusCode)).to.deep.equal([401, 401, 401, 401]);
    expect(desk.api.calls.filter((c) => c.includes('$value'))).to.be.empty;
    expect(await desk.kit.db('email_inbound_messages')).to.be.empty;
    expect(desk.kit.events.all).to.be.empty;
  });

  it('a subscriptionRemoved lifecycle notification disconnects the mailbox (revoked by provider)', async () => {
    const provider = await desk.connected();
    const res = await graph({ value: [{ subscriptionId: 'sub-1', clientState: 'client-state-secret', lifecycleEvent: 'subscriptionRemoved', resource: 'Users/x/Messages' }] }, '/webhooks/email/microsoft/lifecycle');
    expect(res.statusCode).to.equal(202);
    expect(desk.kit.events).to.have.emitted('EMAIL_PROVIDER_DISCONNECTED').withPayload({ providerId: provider.id, reason: 'revoked by provider (Graph subscriptionRemoved)' }).times(1);
  });

  it('a message API that refuses the token disconnects the mailbox instead of failing forever', async () => {
    const provider = await desk.connected();
    desk.api.token = 'rotated-elsewhere';
    const res = await graph({ value: [created('AAMkAD1')] });
    expect(res.statusCode).to.equal(202);
    expect(desk.kit.events).to.have.emitted('EMAIL_PROVIDER_DISCONNECTED').withPayload({ providerId: provider.id, reason: 'revoked by provider (message API answered 401)' }).times(1);
  });

  describe('Gmail push through Pub/Sub', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = 'local-key-1';
    const mint = (claims: Record<string, unknown> = {}, key = privateKey, audience = 'https://example.com/webhooks/email/google') =>
      new SignJWT({ email: 'gmail-push@msp-project.iam.gserviceaccount.com', email_verified: true, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer('https://accounts.google.com')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const push = async (token: string | undefined, historyId = 101) =>
      (await desk.server()).inject({
        method: 'POST',
        url: '/webhooks/email/google',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: JSON.stringify({ message: { data: Buffer.from(JSON.stringify({ emailAddress: 'support@msp.example', historyId })).toString('base64'), messageId: '2070443601311540', publishTime: T0.toISOString() }, subscription: 'projects/msp/subscriptions/gmail' }),
      });

    beforeEach(async () => {
      desk.api.certs = { [kid]: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
      clock?.restore();
      clock = undefined;
    });

    it('a push with a valid Google-signed token lists history and ingests the added messages', async () => {
      desk.api.history.push([]);
      const provider = await desk.connected().then(() => desk.connectMailbox({ type: 'google', name: 'Gmail support', subscriptionId: undefined, clientState: undefined, apiBaseUrl: desk.api.url }));
      desk.api.messages.set('18c1', fixture('windows-1252.eml'));
      desk.api.history.push(['18c1']);
      desk.kit.events.clear();
      const res = await push(await mint());
      expect(res.statusCode, res.body).to.equal(204);
      expect(desk.api.calls).to.include('/gmail/v1/users/me/history?startHistoryId=100&historyTypes=messageAdded');
      expect(desk.kit.events).to.have.emitted('INBOUND_EMAIL_RECEIVED').withPayload({ providerId: provider.id, emailData: { id: 'cp1252-1@client.example', subject: 'Facture € 120 “urgent”' } }).times(1);
      expect((await push(await mint())).statusCode).to.equal(204);
      expect(desk.kit.events.ofType('INBOUND_EMAIL_RECEIVED')).to.have.length(1);
    });

    it('missing, foreign-signed, wrong-audience or wrong-account tokens get 401 and nothing is fetched', async () => {
      await desk.connectMailbox({ type: 'google', name: 'Gmail support', subscriptionId: undefined, clientState: undefined, apiBaseUrl: desk.api.url });
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const answers = [
        await push(undefined),
        await push(await mint({}, other)),
        await push(await mint({}, privateKey, 'https://attacker.example/push')),
        await push(await mint({ email: 'someone@else.iam.gserviceaccount.com' })),
        await push(await mint({ email_verified: false })),
      ];
      expect(answers.map((a) => a.statusCode)).to.deep.equal([401, 401, 401, 401, 401]);
      expect(desk.api.calls.filter((c) => c.includes('/history'))).to.be.empty;
    });
  });
});
