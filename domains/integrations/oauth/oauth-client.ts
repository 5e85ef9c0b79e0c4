import { injectable } from 'tsyringe';
import * as oauth from 'openid-client';
import { ProviderError } from '../providers/provider-failure';
import { IntegrationSettings } from '../settings';
import { oauthFailure } from './oauth-failure';
import { TokenGrant, tokenGrantOf } from './token-grant';

/** What the OAuth client needs of an integration: the stored server metadata and the client's credentials. */
export interface OAuthClientCredentials {
  serverMetadata: oauth.ServerMetadata;
  clientId: string;
  clientSecret?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http is allowed only to a server on this machine (tests, the demo); anything else must be https. */
const isLoopbackHttp = (url: string): boolean => {
  const u = new URL(url);
  return u.protocol === 'http:' && (LOOPBACK.has(u.hostname) || u.hostname.startsWith('127.'));
};

/**
 * OAuth 2.0 for integrations, through `openid-client`: discovery (RFC 8414 / OpenID), the
 * authorization code grant with PKCE S256 (RFC 7636), refresh (RFC 6749 §6) and revocation
 * (RFC 7009). Every call has the provider timeout; failures are thrown as ProviderError with the
 * classified failure (provider error code, retryable or not). Tokens are returned, never logged.
 */
@injectable()
export class OAuthClient {
  constructor(private readonly settings: IntegrationSettings) {}

  /** The authorization server's metadata from its discovery document. Throws ProviderError. */
  async discover(issuer: string): Promise<oauth.ServerMetadata> {
    try {
      const config = await oauth.discovery(new URL(issuer), 'discovery', undefined, oauth.None(), {
        execute: isLoopbackHttp(issuer) ? [oauth.allowInsecureRequests] : [],
        timeout: this.settings.providerTimeoutSeconds,
      });
      return config.serverMetadata();
    } catch (err) {
      throw new ProviderError(oauthFailure(err));
    }
  }

  /** The authorization URL to send the user to, with a fresh state and PKCE verifier (keep both for the callback). */
  async authorizationRequest(client: OAuthClientCredentials, request: { redirectUri: string; scopes: string[] }): Promise<{ url: string; state: string; codeVerifier: string }> {
    const codeVerifier = oauth.randomPKCECodeVerifier();
    const state = oauth.randomState();
    const url = oauth.buildAuthorizationUrl(this.configuration(client), {
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    });
    return { url: url.href, state, codeVerifier };
  }

  /**
   * Exchanges the code of the callback URL (checking `state`; an `error` parameter is refused)
   * for tokens. `receivedAt` anchors the lifetimes. Throws ProviderError.
   */
  async exchangeCode(client: OAuthClientCredentials, callbackUrl: string, checks: { state: string; codeVerifier: string; redirectUri: string }, receivedAt: Date): Promise<TokenGrant> {
    try {
      const response = await oauth.authorizationCodeGrant(
        this.configuration(client),
        new URL(callbackUrl),
        { expectedState: checks.state, pkceCodeVerifier: checks.codeVerifier },
        { redirect_uri: checks.redirectUri },
      );
      return tokenGrantOf(response as unknown as Record<string, unknown>, receivedAt);
    } catch (err) {
      throw new ProviderError(oauthFailure(err));
    }
  }

  /** A refresh token grant. Throws ProviderError (invalid_grant, http_503, timeout, …). */
  async refresh(client: OAuthClientCredentials, refreshToken: string, receivedAt: Date): Promise<TokenGrant> {
    try {
      const response = await oauth.refreshTokenGrant(this.configuration(client), refreshToken);
      return tokenGrantOf(response as unknown as Record<string, unknown>, receivedAt);
    } catch (err) {
      throw new ProviderError(oauthFailure(err));
    }
  }

  /** Revokes a token (RFC 7009); false when the server has no revocation endpoint. Throws ProviderError. */
  async revoke(client: OAuthClientCredentials, token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
    if (!client.serverMetadata.revocation_endpoint) return false;
    try {
      await oauth.tokenRevocation(this.configuration(client), token, { token_type_hint: hint });
      return true;
    } catch (err) {
      throw new ProviderError(oauthFailure(err));
    }
  }

  private configuration(client: OAuthClientCredentials): oauth.Configuration {
    const methods = client.serverMetadata.token_endpoint_auth_methods_supported;
    const auth = !client.clientSecret
      ? oauth.None()
      : methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
        ? oauth.ClientSecretPost(client.clientSecret)
        : oauth.ClientSecretBasic(client.clientSecret);
    const config = new oauth.Configuration(client.serverMetadata, client.clientId, undefined, auth);
    config.timeout = this.settings.providerTimeoutSeconds;
    const endpoints = [client.serverMetadata.token_endpoint, client.serverMetadata.authorization_endpoint, client.serverMetadata.revocation_endpoint];
    if (endpoints.every((e) => !e || isLoopbackHttp(e))) oauth.allowInsecureRequests(config);
    return config;
  }
}
