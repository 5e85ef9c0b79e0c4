import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { Webhook } from 'standardwebhooks';
import { actionTime, currentTenant, EmitsEvent, forUpdate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { OAuthClient } from '../oauth/oauth-client';
import { ProviderAdapters } from '../providers/provider-registry';
import { ProviderError } from '../providers/provider-failure';
import { IntegrationSettings } from '../settings';
import { AuthorizationRequest, BeginAuthorizationInput, Connection, Disconnection } from './connection';
import { AuthorizationRejectedError, ConnectionStateError, IntegrationInputError, ProviderCallError } from './connection-errors';
import { checkId, checkText, checkUrl } from './connection-input';
import { connected, disconnectedByProvider, disconnectedByUser } from './connection-mappers';
import { ConnectionStore, sealContext } from './connection-store';

/**
 * Connecting (OAuth 2.0 authorization code with PKCE), reconnecting and disconnecting provider
 * connections. Tokens are sealed with SecretBox the moment they arrive and never leave the module.
 */
@injectable()
export class ConnectionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
    private readonly oauth: OAuthClient,
    private readonly adapters: ProviderAdapters,
    private readonly settings: IntegrationSettings,
  ) {}

  /**
   * Starts an authorization: a fresh state and PKCE verifier (sealed) are kept for the callback,
   * and the URL to send the user's browser to is returned. Staff only. With `connectionId`, the
   * callback reconnects that connection (one that needs attention) instead of adding one.
   */
  async beginAuthorization(input: BeginAuthorizationInput): Promise<AuthorizationRequest> {
    const userId = requireStaff('ConnectionService.beginAuthorization');
    const tenant = currentTenant('ConnectionService.beginAuthorization');
    const integrationId = checkId(input?.integrationId, 'integrationId');
    const redirectUri = checkUrl(input.redirectUri, 'redirectUri');
    const integration = await this.store.integration(integrationId);
    let connectionId = uuidv4();
    if (input.connectionId !== undefined) {
      const existing = await this.store.connection(checkId(input.connectionId, 'connectionId'));
      if (existing.integrationId !== integrationId) throw new IntegrationInputError('connectionId', `belongs to another integration`);
      if (existing.status === 'disconnected') throw new ConnectionStateError(existing.id, existing.status, 'reconnect');
      connectionId = existing.id;
    }
    const request = await this.oauth.authorizationRequest(await this.store.oauthCredentials(integrationId), { redirectUri, scopes: integration.scopes });
    const now = actionTime();
    const expiresAt = new Date(now.getTime() + this.settings.authorizationTtlSeconds * 1000);
    await this.uow.db('integration_authorizations').insert({
      state: request.state,
      tenant,
      integration_id: integrationId,
      connection_id: connectionId,
      code_verifier_sealed: this.store.seal(request.codeVerifier, sealContext.codeVerifier(request.state)),
      redirect_uri: redirectUri,
      requested_by_user_id: userId,
      created_at: now,
      expires_at: expiresAt,
    });
    return { authorizationUrl: request.url, state: request.state, connectionId, expiresAt };
  }

  /**
   * Who started the authorization a callback's `state` belongs to, so the callback can run as that
   * tenant and user. The one read without a tenant: the unguessable state is the caller's proof.
   */
  async locateAuthorization(state: string): Promise<{ tenantId: string; userId: string } | undefined> {
    if (typeof state !== 'string' || !state || state.length > 128) return undefined;
    const row = await this.uow.db('integration_authorizations').where({ state }).first('tenant', 'requested_by_user_id');
    return row ? { tenantId: row.tenant, userId: row.requested_by_user_id } : undefined;
  }

  /**
   * The OAuth callback: `callbackUrl` is the full URL the provider redirected to. The state must be
   * known, unexpired and unused (a replayed callback is refused); the code is exchanged with the
   * PKCE verifier and the tokens stored sealed. INTEGRATION_CONNECTED once the exchange succeeded.
   */
  @EmitsEvent('INTEGRATION_CONNECTED', connected)
  async completeAuthorization(input: { state: string; callbackUrl: string }): Promise<Connection> {
    const tenant = currentTenant('ConnectionService.completeAuthorization');
    const state = checkText(input?.state, 'state', 128);
    const callbackUrl = checkText(input.callbackUrl, 'callbackUrl', 8000);
    const db = this.uow.db;
    const now = actionTime();
    const claimed = await db('integration_authorizations')
      .where({ state, tenant })
      .whereNull('completed_at')
      .where('expires_at', '>', now)
      .update({ completed_at: now });
    if (!claimed) throw new AuthorizationRejectedError('AUTHORIZATION_STATE_INVALID', 'The authorization is unknown, expired or already completed: start it again');
    const flow = await db('integration_authorizations').where({ state, tenant }).first();
    const codeVerifier = this.store.openSealed(flow.code_verifier_sealed, sealContext.codeVerifier(state));
    const callbackError = new URL(callbackUrl).searchParams.get('error');
    if (callbackError) {
      const description = new URL(callbackUrl).searchParams.get('error_description');
      throw new AuthorizationRejectedError('AUTHORIZATION_DENIED', `The provider did not authorize the connection: ${callbackError}${description ? ` — ${description}` : ''}`, callbackError);
    }
    let grant;
    try {
      grant = await this.oauth.exchangeCode(await this.store.oauthCredentials(flow.integration_id), callbackUrl, { state, codeVerifier, redirectUri: flow.redirect_uri }, now);
    } catch (err) {
      if (err instanceof ProviderError) throw new ProviderCallError('The authorization code exchange', err.failure);
      throw err;
    }
    const connectionId: string = flow.connection_id;
    const columns = {
      ...this.store.tokenColumns(connectionId, grant),
      status: 'connected',
      connected_at: now,
      connected_by_user_id: flow.requested_by_user_id,
      refreshed_at: null,
      refresh_failures: 0,
      next_refresh_at: null,
      last_refresh_error_code: null,
      last_refresh_error: null,
      attention_reason: null,
      expiry_notified_for: null,
      updated_at: now,
    };
    const reconnected = await db('integration_connections')
      .where({ connection_id: connectionId, tenant })
      .whereNot({ status: 'disconnected' })
      .update({ ...columns, token_version: db.raw('token_version + 1') });
    if (!reconnected) {
      if (await db('integration_connections').where({ connection_id: connectionId, tenant }).first('status')) {
        throw new ConnectionStateError(connectionId, 'disconnected', 'reconnect');
      }
      await db('integration_connections').insert({ ...columns, connection_id: connectionId, tenant, integration_id: flow.integration_id, token_version: 1 });
    }
    return this.store.connection(connectionId);
  }

  /**
   * A user ends the connection: its tokens are revoked at the provider where it offers RFC 7009
   * revocation (a failure there does not stop the disconnect) and erased here. Staff only.
   */
  @EmitsEvent('INTEGRATION_DISCONNECTED', disconnectedByUser)
  async disconnect(connectionId: string, options: { reason?: string } = {}): Promise<Disconnection> {
    const userId = requireStaff('ConnectionService.disconnect');
    const reason = options.reason === undefined ? 'disconnected by a user' : checkText(options.reason, 'reason', 500);
    const row = await this.lockedRow(connectionId);
    if (row.status === 'disconnected') throw new ConnectionStateError(row.connection_id, row.status, 'disconnect');
    const tokens = this.store.openTokens(row);
    let revokedAtProvider: Disconnection['revokedAtProvider'] = false;
    try {
      const credentials = await this.store.oauthCredentials(row.integration_id);
      // Revoking the refresh token ends the grant (RFC 7009 §2.1); without one, the access token.
      const revoked = tokens.refreshToken
        ? await this.oauth.revoke(credentials, tokens.refreshToken, 'refresh_token')
        : tokens.accessToken
          ? await this.oauth.revoke(credentials, tokens.accessToken, 'access_token')
          : false;
      revokedAtProvider = revoked || (credentials.serverMetadata.revocation_endpoint ? false : 'not-supported');
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
    }
    await this.end(row.connection_id, { disconnected_by_user_id: userId, disconnect_reason: reason });
    return { connection: await this.store.connection(row.connection_id), revokedAtProvider };
  }

  /**
   * The provider told us (a revocation webhook) that it revoked our access: the connection ends and
   * its tokens are erased. Undefined, and no event, when it had ended already.
   */
  @EmitsEvent('INTEGRATION_DISCONNECTED', disconnectedByProvider)
  async markRevokedByProvider(connectionId: string, cause: string): Promise<Connection | undefined> {
    const row = await this.lockedRow(connectionId);
    if (row.status === 'disconnected') return undefined;
    await this.end(row.connection_id, { disconnected_by_user_id: null, disconnect_reason: `revoked by provider (${cause})` });
    return this.store.connection(row.connection_id);
  }

  /**
   * The secret the provider signs this connection's webhooks with (shown by the provider when the
   * endpoint is registered). Checked against the adapter's scheme and sealed. Staff only.
   */
  async setWebhookSecret(connectionId: string, secret: string): Promise<Connection> {
    requireStaff('ConnectionService.setWebhookSecret');
    const row = await this.store.row(connectionId);
    if (row.status === 'disconnected') throw new ConnectionStateError(row.connection_id, row.status, 'configure webhooks of');
    const text = checkText(secret, 'secret', 500);
    if (this.adapters.get(row.provider).webhookScheme.kind === 'standard-webhooks') {
      try {
        new Webhook(text);
      } catch {
        throw new IntegrationInputError('secret', 'must be a Standard Webhooks secret (whsec_ followed by base64)');
      }
    } else if (text.length < 16) throw new IntegrationInputError('secret', 'must be at least 16 characters');
    await this.uow
      .db('integration_connections')
      .where({ connection_id: row.connection_id, tenant: row.tenant })
      .update({ webhook_secret_sealed: this.store.seal(text, sealContext.webhookSecret(row.connection_id)), updated_at: actionTime() });
    return this.store.connection(row.connection_id);
  }

  get(connectionId: string): Promise<Connection> {
    return this.store.connection(connectionId);
  }

  /** The tenant's connections of one integration, newest first. */
  async list(integrationId: string): Promise<Connection[]> {
    const tenant = currentTenant('ConnectionService.list');
    const ids = await this.uow.db('integration_connections').where({ tenant, integration_id: integrationId }).orderBy('connected_at', 'desc').pluck('connection_id');
    return Promise.all(ids.map((id: string) => this.store.connection(id)));
  }

  /** The connection row, locked until commit so a refresh or a second disconnect waits for this one. */
  private async lockedRow(connectionId: string) {
    const db = this.uow.db;
    await db('integration_connections').where({ connection_id: connectionId, tenant: currentTenant('integrations.lock') }).modify(forUpdate(db)).first('connection_id');
    return this.store.row(connectionId);
  }

  private async end(connectionId: string, who: { disconnected_by_user_id: string | null; disconnect_reason: string }): Promise<void> {
    const now = actionTime();
    await this.uow
      .db('integration_connections')
      .where({ connection_id: connectionId, tenant: currentTenant('integrations.disconnect') })
      .update({
        ...who,
        status: 'disconnected',
        disconnected_at: now,
        access_token_sealed: null,
        refresh_token_sealed: null,
        webhook_secret_sealed: null,
        next_refresh_at: null,
        updated_at: now,
      });
  }
}
