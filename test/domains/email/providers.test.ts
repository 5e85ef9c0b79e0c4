import { expect } from 'chai';
import sinon from 'sinon';
import { EmailInputError, ProviderVerificationError, SubscriptionRenewalSweeper } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { freshMailDeskPerTest } from './mail-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('email: connected mailboxes', (target) => {
  const desk = freshMailDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  it('connecting verifies the mailbox with the provider API, seals the tokens and emits EMAIL_PROVIDER_CONNECTED', async () => {
    const provider = await desk.connectMailbox();
    expect(desk.kit.events).to.have.emitted('EMAIL_PROVIDER_CONNECTED').withPayload({
      providerId: provider.id,
      providerType: 'microsoft',
      providerName: 'Support inbox',
      mailbox: 'support@msp.example',
      connectedAt: T0.toISOString(),
      tenantId: desk.kit.tenantId,
    }).times(1);
    const row = await desk.kit.db('email_providers').where({ provider_id: provider.id }).first();
    expect(row.credentials_sealed).to.match(/^v1\./);
    expect(row.credentials_sealed).not.to.contain(desk.api.token);
    expect(row.client_state_sealed).not.to.contain('client-state-secret');
    expect(JSON.stringify(desk.kit.events.all)).not.to.contain(desk.api.token);
    expect(desk.api.calls).to.include('/v1.0/me');
  });

  it('a token the provider refuses: ProviderVerificationError, nothing stored or emitted', async () => {
    const err = await desk.connectMailbox({ accessToken: 'revoked' }).catch((e) => e);
    expect(err).to.be.instanceOf(ProviderVerificationError);
    expect(err.status).to.equal(401);
    expect(await desk.kit.db('email_providers')).to.be.empty;
    expect(desk.kit.events.all).to.be.empty;
  });

  it('bad input names the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'yahoo' }, 'type'],
      [{ name: ' ' }, 'name'],
      [{ accessToken: '' }, 'accessToken'],
      [{ apiBaseUrl: 'ftp://x' }, 'apiBaseUrl'],
      [{ clientState: undefined }, 'clientState'],
      [{ subscriptionId: undefined }, 'subscriptionId'],
      [{ boardId: 'desk' }, 'boardId'],
    ];
    for (const [input, field] of cases) {
      const err = await desk.connectMailbox(input).catch((e) => e);
      expect(err, field).to.be.instanceOf(EmailInputError);
      expect(err.field).to.equal(field);
    }
    expect(await desk.kit.db('email_providers')).to.be.empty;
    expect(desk.kit.events.all).to.be.empty;
  });

  it('disconnecting erases the credentials and emits EMAIL_PROVIDER_DISCONNECTED once; ingesting for it is refused', async () => {
    const provider = await desk.connected();
    clock!.tick(60_000);
    await desk.run(() => desk.providers.disconnect(provider.id, 'moving to a shared mailbox'));
    await desk.run(() => desk.providers.disconnect(provider.id));
    expect(desk.kit.events).to.have.emitted('EMAIL_PROVIDER_DISCONNECTED').withPayload({
      providerId: provider.id,
      providerType: 'microsoft',
      providerName: 'Support inbox',
      disconnectedAt: new Date(T0.getTime() + 60_000).toISOString(),
      reason: 'moving to a shared mailbox',
      tenantId: desk.kit.tenantId,
    }).times(1);
    const row = await desk.kit.db('email_providers').where({ provider_id: provider.id }).first();
    expect(row).to.include({ status: 'disconnected', credentials_sealed: null, client_state_sealed: null });
    const err = await desk.asMailbox(() => desk.inbound.ingest(provider.id, Buffer.from('Subject: x\r\n\r\nx'))).catch((e) => e);
    expect(err.code).to.equal('EMAIL_PROVIDER_DISCONNECTED');
  });

  it('two disconnects at once emit one event', async function () {
    if (target.name !== 'postgres') this.skip();
    const provider = await desk.connected();
    await Promise.all([desk.run(() => desk.providers.disconnect(provider.id)), desk.run(() => desk.providers.markRevokedByProvider(provider.id, 'subscriptionRemoved'))]);
    expect(desk.kit.events.ofType('EMAIL_PROVIDER_DISCONNECTED')).to.have.length(1);
  });
});

forEachDatabase('email: push subscription renewal', (target) => {
  const desk = freshMailDeskPerTest(target, { gmailTopicName: 'projects/msp/topics/gmail' });
  const T1 = new Date('2026-03-02T09:00:00.000Z');
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T1, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());
  const sweeper = () => desk.kit.resolve(SubscriptionRenewalSweeper);

  it('subscriptions lapsing within a day are renewed once, swept twice and concurrently (Graph PATCH, Gmail watch)', async () => {
    const graph = await desk.connectMailbox({ subscriptionExpiresAt: new Date(T1.getTime() + 3_600_000) });
    const gmail = await desk.connectMailbox({ type: 'google', name: 'Gmail', subscriptionId: undefined, clientState: undefined, apiBaseUrl: desk.api.url, subscriptionExpiresAt: new Date(T1.getTime() + 7_200_000) });
    await desk.connectMailbox({ name: 'Fresh', subscriptionId: 'sub-2', subscriptionExpiresAt: new Date(T1.getTime() + 3 * 86_400_000) });
    const [a, b] = await Promise.all([desk.asSystem(() => sweeper().sweep()), desk.asSystem(() => sweeper().sweep())]);
    const renewed = [...a, ...b];
    expect(renewed.map((r) => r.providerId).sort()).to.deep.equal([graph.id, gmail.id].sort());
    expect(renewed.find((r) => r.providerId === graph.id)!.expiresAt!.toISOString()).to.equal(new Date(T1.getTime() + 4 * 86_400_000).toISOString());
    expect(renewed.find((r) => r.providerId === gmail.id)!.expiresAt!.toISOString()).to.equal('2026-03-09T09:00:00.000Z');
    expect(desk.api.calls.filter((c) => c.startsWith('PATCH') || c.startsWith('POST')).sort()).to.deep.equal(['PATCH /v1.0/subscriptions/sub-1', 'POST /gmail/v1/users/me/watch']);
    expect(await desk.asSystem(() => sweeper().sweep())).to.deep.equal([]);
  });

  it('a renewal refused with 401 disconnects the mailbox (revoked by provider)', async () => {
    const graph = await desk.connectMailbox({ subscriptionExpiresAt: new Date(T1.getTime() + 3_600_000) });
    desk.kit.events.clear();
    desk.api.token = 'revoked-by-admin';
    await desk.asSystem(() => sweeper().sweep());
    expect(desk.kit.events).to.have.emitted('EMAIL_PROVIDER_DISCONNECTED').withPayload({ providerId: graph.id, reason: 'revoked by provider (subscription renewal answered 401)', actorType: 'SYSTEM' }).times(1);
  });
});
