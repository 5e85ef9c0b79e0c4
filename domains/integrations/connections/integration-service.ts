import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, requireStaff, UnitOfWork } from '../../../lib/kit';
import { OAuthClient } from '../oauth/oauth-client';
import { ProviderAdapters } from '../providers/provider-registry';
import { ProviderError } from '../providers/provider-failure';
import { isUniqueViolation } from '../shared/unique-violation';
import { checkUrl, checkText } from './connection-input';
import { Integration, RegisterIntegrationInput } from './connection';
import { IntegrationInputError, IntegrationNameTakenError, ProviderCallError } from './connection-errors';
import { ConnectionStore, sealContext } from './connection-store';

/**
 * Registering a provider application for a tenant: its OAuth client id (and secret, sealed) and
 * its authorization server, whose endpoints are discovered once here (RFC 8414 / OpenID discovery).
 */
@injectable()
export class IntegrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
    private readonly oauth: OAuthClient,
    private readonly adapters: ProviderAdapters,
  ) {}

  /** Staff only. Refuses an unknown provider, bad URLs, a taken name; ProviderCallError when discovery fails. */
  async register(input: RegisterIntegrationInput): Promise<Integration> {
    const userId = requireStaff('IntegrationService.register');
    const tenant = currentTenant('IntegrationService.register');
    if (typeof input?.provider !== 'string' || !this.adapters.has(input.provider)) throw new IntegrationInputError('provider', `must be a known provider adapter`);
    const name = checkText(input.name, 'name', 200);
    const issuer = checkUrl(input.issuer, 'issuer');
    const clientId = checkText(input.clientId, 'clientId', 500);
    if (input.clientSecret !== undefined) checkText(input.clientSecret, 'clientSecret', 2000);
    const apiBaseUrl = input.apiBaseUrl === undefined ? undefined : checkUrl(input.apiBaseUrl, 'apiBaseUrl');
    const scopes = input.scopes ?? this.adapters.get(input.provider).defaultScopes;
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s))) {
      throw new IntegrationInputError('scopes', 'must be a list of scope tokens (RFC 6749 §3.3: no spaces or quotes)');
    }
    if (await this.uow.db('integrations').where({ tenant, name }).first()) throw new IntegrationNameTakenError(name);

    let serverMetadata;
    try {
      serverMetadata = await this.oauth.discover(issuer);
    } catch (err) {
      if (err instanceof ProviderError) throw new ProviderCallError('OAuth discovery', err.failure);
      throw err;
    }
    const id = uuidv4();
    try {
      await this.uow.db('integrations').insert({
        integration_id: id,
        tenant,
        provider: input.provider,
        name,
        issuer,
        server_metadata: JSON.stringify(serverMetadata),
        client_id: clientId,
        client_secret_sealed: input.clientSecret ? this.store.seal(input.clientSecret, sealContext.clientSecret(id)) : null,
        scopes: scopes.join(' '),
        api_base_url: apiBaseUrl ?? null,
        created_by_user_id: userId,
        created_at: actionTime(),
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new IntegrationNameTakenError(name);
      throw err;
    }
    return this.store.integration(id);
  }

  get(integrationId: string): Promise<Integration> {
    return this.store.integration(integrationId);
  }
}
