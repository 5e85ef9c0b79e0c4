import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStateError, lifetimeSeconds, ProviderCallError, RefreshOutcome } from '../../../domains/integrations';
import { forEachDatabase } from '../../support/databases';
import { freshIntegrationsDeskPerTest } from './integrations-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('integrations: token lifetimes as providers send them', () => {
  it('expires_in: numbers and numeric strings are seconds; missing, 0, negative or garbage mean no stated lifetime', () => {
    expect([3600, '3600', ' 90 ', '1.5', 0, '0', undefined, null, -5, 'soon', '', {}].map(lifetimeSeconds)).to.deep.equal([3600, 3600, 90, 1.5, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

forEachDatabase('integrations: token health (expiry warnings, refresh, single-flight)', (target) => {
  const desk = freshIntegrationsDeskPerTest(target, { providerTimeoutSeconds: 1 });
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  const sweep = () => desk.asSystem(() => desk.tokenSweeper.sweep());
  const failures = () => desk.kit.events.payloads('INTEGRATION_TOKEN_REFRESH_FAILED');
  const withRefreshLife = (seconds: number) => (body: Record<string, unknown>) => (body.refresh_token_expires_in = seconds);

  it('INTEGRATION_TOKEN_EXPIRING once per token and expiry when the refresh token ends within the warning window', async () => {
    const { kit } = desk;
    const lasting = await desk.connect(withRefreshLife(30 * 86_400));
    const ending = await desk.connect(withRefreshLife(10 * 86_400));
    await sweep();
    expect(kit.events.ofType('INTEGRATION_TOKEN_EXPIRING')).to.be.empty;

    clock!.tick(4 * DAY);
    await sweep();
    await sweep();
    expect(kit.events).to.have.emitted('INTEGRATION_TOKEN_EXPIRING').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: ending.id,
      expiresAt: '2026-03-12T09:00:00.000Z',
      daysUntilExpiry: 6,
      notifiedAt: '2026-03-06T09:00:00.000Z',
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(kit.events.ofType('INTEGRATION_TOKEN_EXPIRING').map((e) => e.payload.connectionId)).not.to.include(lasting.id);
  });

  it('two sweeps at once warn once; a renewed refresh token with a new expiry is warned about again', async () => {
    const { kit } = desk;
    const connection = await desk.connect(withRefreshLife(3 * 86_400));
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(kit.events.ofType('INTEGRATION_TOKEN_EXPIRING')).to.have.length(1);
    desk.provider.editNextTokenResponse(withRefreshLife(2 * 86_400));
    const outcome = await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    expect(outcome.kind).to.equal('refreshed');
    await sweep();
    expect(kit.events.payloads('INTEGRATION_TOKEN_EXPIRING').map((p) => [p.expiresAt, p.daysUntilExpiry])).to.deep.equal([
      ['2026-03-05T09:00:00.000Z', 3],
      ['2026-03-04T09:00:00.000Z', 2],
    ]);
  });

  it('without a refresh token the access token is what expires: warned at once, with 0 days', async () => {
    const connection = await desk.connect((body) => delete body.refresh_token);
    expect(connection.hasRefreshToken).to.equal(false);
    await sweep();
    expect(desk.kit.events).to.have.emitted('INTEGRATION_TOKEN_EXPIRING').withPayload({ connectionId: connection.id, expiresAt: '2026-03-02T10:00:00.000Z', daysUntilExpiry: 0 }).times(1);
    clock!.tick(55 * MINUTE);
    await sweep();
    expect(desk.provider.stats.refreshGrants).to.equal(0);
  });

  it('the sweeper refreshes an access token before it expires, and not earlier; the rotated token works', async () => {
    const connection = await desk.connect();
    clock!.tick(49 * MINUTE);
    await sweep();
    expect(desk.provider.stats.refreshGrants).to.equal(0);
    clock!.tick(2 * MINUTE);
    const swept = await sweep();
    expect(swept).to.have.length(1);
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    const refreshed = await desk.get(connection.id);
    expect(refreshed).to.include({ status: 'connected', tokenVersion: 2 });
    expect(refreshed.accessTokenExpiresAt!.toISOString()).to.equal('2026-03-02T10:51:00.000Z');
    expect(failures()).to.be.empty;
    await sweep();
    expect(desk.provider.stats.refreshGrants).to.equal(1);
  });

  it('invalid_grant: INTEGRATION_TOKEN_REFRESH_FAILED not retryable, and the connection needs a person', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    desk.provider.revokeAllGrants();
    clock!.tick(55 * MINUTE);
    await sweep();
    expect(kit.events).to.have.emitted('INTEGRATION_TOKEN_REFRESH_FAILED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      failedAt: '2026-03-02T09:55:00.000Z',
      errorCode: 'invalid_grant',
      errorMessage: 'the refresh token is not valid (revoked or unknown)',
      retryable: false,
      actorType: 'SYSTEM',
    }).times(1);
    const after = await desk.get(connection.id);
    expect(after.status).to.equal('needs_attention');
    expect(after.attentionReason).to.contain('invalid_grant');
    expect(after.lastRefreshError).to.deep.equal({ code: 'invalid_grant', message: 'the refresh token is not valid (revoked or unknown)' });
    clock!.tick(10 * MINUTE);
    await sweep();
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    expect(failures()).to.have.length(1);
    const sync = await desk.run(() => desk.runner.run(connection.id)).catch((e) => e);
    expect(sync).to.be.instanceOf(ConnectionStateError).and.to.include({ status: 'needs_attention' });
  });

  it('other refusals (invalid_client) also need a person', async () => {
    const connection = await desk.connect();
    desk.provider.failNextTokenRequest({ status: 401, body: { error: 'invalid_client', error_description: 'client secret rotated' } });
    await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    expect(desk.kit.events).to.have.emitted('INTEGRATION_TOKEN_REFRESH_FAILED').withPayload({ errorCode: 'invalid_client', errorMessage: 'client secret rotated', retryable: false });
    expect((await desk.get(connection.id)).status).to.equal('needs_attention');
  });

  it('a provider 5xx is retryable: the connection stays connected and the sweeper retries after a backoff', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    clock!.tick(55 * MINUTE);
    desk.provider.failNextTokenRequest({ status: 503, body: 'Service Unavailable' });
    await sweep();
    expect(kit.events).to.have.emitted('INTEGRATION_TOKEN_REFRESH_FAILED').withPayload({ connectionId: connection.id, errorCode: 'http_503', retryable: true }).times(1);
    expect((await desk.get(connection.id)).status).to.equal('connected');
    await sweep(); // within the 60 s backoff: no attempt
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    clock!.tick(61_000);
    await sweep();
    expect(desk.provider.stats.refreshGrants).to.equal(2);
    expect(await desk.get(connection.id)).to.include({ status: 'connected', tokenVersion: 2, lastRefreshError: undefined });
    expect(failures()).to.have.length(1);
  });

  it('a JSON error body with a 5xx status and a timeout are retryable too, and never mark the connection', async () => {
    const connection = await desk.connect();
    desk.provider.failNextTokenRequest({ status: 502, body: { error: 'temporarily_unavailable' } });
    const first = await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    desk.provider.delayNextTokenRequest(2500); // the client gives up after providerTimeoutSeconds = 1
    const second = await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    expect([first, second].map((o) => (o.kind === 'failed' ? [o.failure.code, o.failure.retryable] : o.kind))).to.deep.equal([
      ['http_502', true],
      ['timeout', true],
    ]);
    expect(failures().map((p) => p.errorCode)).to.deep.equal(['http_502', 'timeout']);
    await new Promise((r) => setTimeout(r, 1700)); // the hung request ends at the provider without effect
    const third = await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    expect(third.kind).to.equal('refreshed');
    expect((await desk.get(connection.id)).status).to.equal('connected');
  }).timeout(10_000);

  it('single-flight: two refreshes at once call the provider once, and rotation does not revoke the grant', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    clock!.tick(55 * MINUTE);
    desk.provider.delayNextTokenRequest(300); // the first refresh is still in flight when the second starts
    const outcomes: RefreshOutcome[] = await Promise.all([kit.run(() => desk.refresher.refresh(connection.id)), kit.run(() => desk.refresher.refresh(connection.id))]);
    expect(outcomes.map((o) => o.kind).sort()).to.deep.equal(['already-fresh', 'refreshed']);
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    expect(failures()).to.be.empty;
    expect(await desk.get(connection.id)).to.include({ status: 'connected', tokenVersion: 2 });
    // The grant survived: the next rotation works.
    expect((await desk.run(() => desk.refresher.refresh(connection.id, { force: true }))).kind).to.equal('refreshed');
  });

  it('single-flight for callers whose token the API rejected: both get the one renewed token', async () => {
    const connection = await desk.connect();
    const before = await desk.run(() => desk.tokens.accessToken(connection.id));
    desk.provider.delayNextTokenRequest(300);
    const [a, b] = await Promise.all([desk.run(() => desk.tokens.accessToken(connection.id, before.version)), desk.run(() => desk.tokens.accessToken(connection.id, before.version))]);
    expect(a.token).to.equal(b.token).and.not.equal(before.token);
    expect([a.version, b.version]).to.deep.equal([2, 2]);
    expect(desk.provider.stats.refreshGrants).to.equal(1);
    expect((await desk.get(connection.id)).status).to.equal('connected');
  });

  it('two sweeps at once refresh each due connection once', async () => {
    const first = await desk.connect();
    const second = await desk.connect();
    clock!.tick(55 * MINUTE);
    desk.provider.delayNextTokenRequest(300);
    await Promise.all([sweep(), sweep()]);
    expect(desk.provider.stats.refreshGrants).to.equal(2);
    expect(failures()).to.be.empty;
    for (const c of [first, second]) expect(await desk.get(c.id)).to.include({ status: 'connected', tokenVersion: 2 });
  });

  it('a token that cannot be renewed is reported to the caller that needs it', async () => {
    const connection = await desk.connect((body) => delete body.refresh_token);
    clock!.tick(61 * MINUTE);
    const err = await desk.run(() => desk.tokens.accessToken(connection.id)).catch((e) => e);
    expect(err).to.be.instanceOf(ProviderCallError);
    expect(err.failure).to.include({ code: 'token_expired', retryable: false });
    expect(failures()).to.be.empty;
  });
});
