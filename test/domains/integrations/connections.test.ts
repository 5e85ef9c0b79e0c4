import { expect } from 'chai';
import sinon from 'sinon';
import {
  AuthorizationRejectedError,
  ConnectionNotFoundError,
  ConnectionStateError,
  IntegrationInputError,
  IntegrationNameTakenError,
  ProviderCallError,
} from '../../../domains/integrations';
import { StaffActorRequiredError } from '../../../lib/kit';
import { forEachDatabase } from '../../support/databases';
import { anotherTenant, freshIntegrationsDeskPerTest, REDIRECT_URI } from './integrations-desk';

const T0 = new Date('2026-03-02T09:00:00.000Z');

forEachDatabase('integrations: connecting over OAuth 2.0 with PKCE, and disconnecting', (target) => {
  const desk = freshIntegrationsDeskPerTest(target);
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  });
  afterEach(() => clock?.restore());

  it('the authorization URL asks for the code with an S256 PKCE challenge and a state', async () => {
    const request = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const url = new URL(request.authorizationUrl);
    expect(url.origin + url.pathname).to.equal(`${desk.provider.url}/authorize`);
    expect(Object.fromEntries(url.searchParams)).to.include({ response_type: 'code', client_id: 'wfe-test', redirect_uri: REDIRECT_URI, code_challenge_method: 'S256', state: request.state, scope: 'records.read offline_access' });
    expect(url.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(request.expiresAt.toISOString()).to.equal('2026-03-02T09:10:00.000Z');
  });

  it('INTEGRATION_CONNECTED once the code exchange succeeded; tokens are sealed at rest and in no event', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    expect(connection).to.include({ status: 'connected', integrationId: desk.integration.id, provider: 'reference', hasRefreshToken: true, tokenVersion: 1, connectedByUserId: kit.actorUserId });
    expect(connection.accessTokenExpiresAt!.toISOString()).to.equal('2026-03-02T10:00:00.000Z');
    expect(kit.events).to.have.emitted('INTEGRATION_CONNECTED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      connectedAt: T0.toISOString(),
      connectedByUserId: kit.actorUserId,
      actorUserId: kit.actorUserId,
    }).times(1);
    expect(desk.provider.stats.authorizationCodeGrants).to.equal(1);

    const { token } = await desk.run(() => desk.tokens.accessToken(connection.id));
    expect(token.split('.')).to.have.length(3); // the provider's JWT
    const row = await desk.row(connection.id);
    expect(row.access_token_sealed).to.match(/^v1\./).and.not.contain(token);
    expect(JSON.stringify(row)).not.to.contain(token);
    expect(JSON.stringify(kit.events.all)).not.to.contain(token);
    // Sealed for this row: pasted into another connection it does not open.
    expect(row.refresh_token_sealed).to.match(/^v1\./);
  });

  it('a replayed, expired or unknown callback state is refused and connects nothing', async () => {
    const { kit } = desk;
    const request = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const callbackUrl = await desk.authorize(request.authorizationUrl);
    await desk.run(() => desk.connections.completeAuthorization({ state: request.state, callbackUrl }));
    const replay = await desk.run(() => desk.connections.completeAuthorization({ state: request.state, callbackUrl })).catch((e) => e);
    expect(replay).to.be.instanceOf(AuthorizationRejectedError).and.to.include({ code: 'AUTHORIZATION_STATE_INVALID' });

    const late = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const lateCallback = await desk.authorize(late.authorizationUrl);
    clock!.tick(11 * 60_000);
    const expired = await desk.run(() => desk.connections.completeAuthorization({ state: late.state, callbackUrl: lateCallback })).catch((e) => e);
    expect(expired).to.be.instanceOf(AuthorizationRejectedError).and.to.include({ code: 'AUTHORIZATION_STATE_INVALID' });
    const unknown = await desk.run(() => desk.connections.completeAuthorization({ state: 'forged', callbackUrl: `${REDIRECT_URI}?code=x&state=forged` })).catch((e) => e);
    expect(unknown).to.be.instanceOf(AuthorizationRejectedError);

    expect(kit.events.ofType('INTEGRATION_CONNECTED')).to.have.length(1);
    expect(await kit.db('integration_connections').count({ n: '*' }).first()).to.satisfy((r: any) => Number(r.n) === 1);
  });

  it('the user denying access, or the provider refusing the code, connects nothing and says why', async () => {
    const { kit } = desk;
    const denied = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const err = await desk
      .run(() => desk.connections.completeAuthorization({ state: denied.state, callbackUrl: `${REDIRECT_URI}?error=access_denied&error_description=User+said+no&state=${denied.state}` }))
      .catch((e) => e);
    expect(err).to.be.instanceOf(AuthorizationRejectedError).and.to.include({ code: 'AUTHORIZATION_DENIED', providerError: 'access_denied' });
    expect(err.message).to.contain('User said no');

    const refused = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const callbackUrl = await desk.authorize(refused.authorizationUrl);
    desk.provider.failNextTokenRequest({ status: 400, body: { error: 'invalid_grant', error_description: 'code expired' } });
    const exchange = await desk.run(() => desk.connections.completeAuthorization({ state: refused.state, callbackUrl })).catch((e) => e);
    expect(exchange).to.be.instanceOf(ProviderCallError);
    expect(exchange.failure).to.include({ code: 'invalid_grant', message: 'code expired', retryable: false });
    expect(kit.events.all).to.be.empty;
    expect((await kit.db('integration_connections')).length).to.equal(0);
  });

  it('a token answer with expires_in as a string is read as seconds; a non-numeric one is refused at connect', async () => {
    const { kit } = desk;
    const connection = await desk.connect((body) => (body.expires_in = '1800'));
    expect(connection.accessTokenExpiresAt!.toISOString()).to.equal('2026-03-02T09:30:00.000Z');
    const err = await desk.connect((body) => (body.expires_in = 'soon')).catch((e) => e);
    expect(err).to.be.instanceOf(ProviderCallError);
    expect(err.failure).to.include({ code: 'invalid_response', retryable: false });
    expect(kit.events.ofType('INTEGRATION_CONNECTED')).to.have.length(1);
  });

  it('expires_in missing or 0 means no stated lifetime: the connection works and is refreshed only on demand', async () => {
    const missing = await desk.connect((body) => delete body.expires_in);
    const zero = await desk.connect((body) => (body.expires_in = 0));
    expect(missing.accessTokenExpiresAt).to.equal(undefined);
    expect(zero.accessTokenExpiresAt).to.equal(undefined);
    expect(missing.credentialsExpireAt).to.equal(undefined);
    clock!.tick(30 * 86_400_000);
    await desk.asSystem(() => desk.tokenSweeper.sweep());
    expect(desk.provider.stats.refreshGrants).to.equal(0);
    expect(desk.kit.events.ofType('INTEGRATION_TOKEN_EXPIRING')).to.be.empty;
  });

  it('a user disconnects: INTEGRATION_DISCONNECTED with the reason, tokens revoked at the provider and erased', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    clock!.tick(60_000);
    const done = await desk.run(() => desk.connections.disconnect(connection.id, { reason: 'Moving to another accounting system' }));
    expect(done.revokedAtProvider).to.equal(true);
    expect(done.connection).to.include({ status: 'disconnected', disconnectedByUserId: kit.actorUserId, hasRefreshToken: false });
    expect(kit.events).to.have.emitted('INTEGRATION_DISCONNECTED').withPayload({
      integrationId: desk.integration.id,
      provider: 'reference',
      connectionId: connection.id,
      disconnectedAt: '2026-03-02T09:01:00.000Z',
      disconnectedByUserId: kit.actorUserId,
      reason: 'Moving to another accounting system',
    }).times(1);
    const [revoked] = desk.provider.stats.revocations;
    expect(desk.provider.refreshTokenState(revoked)).to.equal('revoked');
    const row = await desk.row(connection.id);
    expect([row.access_token_sealed, row.refresh_token_sealed]).to.deep.equal([null, null]);

    const again = await desk.run(() => desk.connections.disconnect(connection.id)).catch((e) => e);
    expect(again).to.be.instanceOf(ConnectionStateError).and.to.include({ status: 'disconnected' });
    expect(kit.events.ofType('INTEGRATION_DISCONNECTED')).to.have.length(1);
  });

  it('a provider that fails the revocation does not stop the disconnect', async () => {
    const connection = await desk.connect();
    desk.provider.failNextRevocation(503);
    const done = await desk.run(() => desk.connections.disconnect(connection.id));
    expect(done.revokedAtProvider).to.equal(false);
    expect(done.connection.status).to.equal('disconnected');
    expect(desk.kit.events).to.have.emitted('INTEGRATION_DISCONNECTED').withPayload({ reason: 'disconnected by a user' });
  });

  it('only staff connect and disconnect; bad input names the field; another tenant finds nothing', async () => {
    const connection = await desk.connect();
    const asContact = { actorUserId: undefined, actorContactId: desk.kit.actorUserId, actorType: 'CONTACT' as const };
    expect(await desk.run(() => desk.connections.disconnect(connection.id), asContact).catch((e) => e)).to.be.instanceOf(StaffActorRequiredError);
    const badRedirect = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: 'http://example.com/cb' })).catch((e) => e);
    expect(badRedirect).to.be.instanceOf(IntegrationInputError).and.to.include({ field: 'redirectUri' });
    const badProvider = await desk.run(() => desk.integrations.register({ provider: 'nope', name: 'X', issuer: desk.provider.url, clientId: 'c' })).catch((e) => e);
    expect(badProvider).to.be.instanceOf(IntegrationInputError).and.to.include({ field: 'provider' });
    const badIssuer = await desk.run(() => desk.integrations.register({ provider: 'reference', name: 'X', issuer: 'http://provider.example', clientId: 'c' })).catch((e) => e);
    expect(badIssuer).to.be.instanceOf(IntegrationInputError).and.to.include({ field: 'issuer' });
    const taken = await desk.run(() => desk.integrations.register({ provider: 'reference', name: 'Accounting', issuer: desk.provider.url, clientId: 'c' })).catch((e) => e);
    expect(taken).to.be.instanceOf(IntegrationNameTakenError);
    const other = anotherTenant();
    expect(await desk.run(() => desk.connections.disconnect(connection.id), other).catch((e) => e)).to.be.instanceOf(ConnectionNotFoundError);
    expect(await desk.run(() => desk.connections.get(connection.id), other).catch((e) => e)).to.be.instanceOf(ConnectionNotFoundError);
    expect(desk.kit.events.ofType('INTEGRATION_DISCONNECTED')).to.be.empty;
    expect((await desk.get(connection.id)).status).to.equal('connected');
  });

  it('a connection that needs a person is reconnected through a new authorization: INTEGRATION_CONNECTED again', async () => {
    const { kit } = desk;
    const connection = await desk.connect();
    desk.provider.revokeAllGrants();
    await desk.run(() => desk.refresher.refresh(connection.id, { force: true }));
    expect((await desk.get(connection.id)).status).to.equal('needs_attention');
    clock!.tick(60_000);
    const request = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI, connectionId: connection.id }));
    expect(request.connectionId).to.equal(connection.id);
    const callbackUrl = await desk.authorize(request.authorizationUrl);
    const reconnected = await desk.run(() => desk.connections.completeAuthorization({ state: request.state, callbackUrl }));
    expect(reconnected).to.include({ id: connection.id, status: 'connected', tokenVersion: 2, attentionReason: undefined });
    expect(kit.events.ofType('INTEGRATION_CONNECTED').map((e) => e.payload)).to.have.length(2);
    expect(kit.events).to.have.emitted('INTEGRATION_CONNECTED').withPayload({ connectionId: connection.id, connectedAt: '2026-03-02T09:01:00.000Z' });
    const { token } = await desk.run(() => desk.tokens.accessToken(connection.id));
    expect(token).to.be.a('string');
  });

  it('the OAuth callback route completes the connection as the user who started it', async () => {
    const { kit } = desk;
    const server = await desk.server();
    const request = await desk.run(() => desk.connections.beginAuthorization({ integrationId: desk.integration.id, redirectUri: REDIRECT_URI }));
    const callback = new URL(await desk.authorize(request.authorizationUrl));
    const res = await server.inject({ method: 'GET', url: `/integrations/oauth/callback${callback.search}` });
    expect(res.statusCode, res.body).to.equal(200);
    expect(res.json()).to.include({ connectionId: request.connectionId, status: 'connected' });
    expect(kit.events).to.have.emitted('INTEGRATION_CONNECTED').withPayload({ connectionId: request.connectionId, connectedByUserId: kit.actorUserId, actorUserId: kit.actorUserId });
    const replay = await server.inject({ method: 'GET', url: `/integrations/oauth/callback${callback.search}` });
    expect(replay.statusCode).to.equal(400);
    expect(replay.json().error).to.equal('AUTHORIZATION_STATE_INVALID');
    const unknown = await server.inject({ method: 'GET', url: '/integrations/oauth/callback?code=x&state=nope' });
    expect(unknown.statusCode).to.equal(400);
  });
});
