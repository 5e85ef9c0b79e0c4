import { injectable } from 'tsyringe';
import type { ServerMetadata } from 'openid-client';
import { currentTenant, Knex, readDate, SecretBox, UnitOfWork } from '../../../lib/kit';
import { OAuthClientCredentials } from '../oauth/oauth-client';
import { TokenGrant } from '../oauth/token-grant';
import { Connection, ConnectionStatus, Integration } from './connection';
import { ConnectionNotFoundError, IntegrationNotFoundError } from './connection-errors';

/** Where a sealed value belongs: SecretBox authenticates it, so a value cannot be moved to another row or column. */
export const sealContext = {
  accessToken: (connectionId: string) => `integration-connection:${connectionId}:access-token`,
  refreshToken: (connectionId: string) => `integration-connection:${connectionId}:refresh-token`,
  webhookSecret: (connectionId: string) => `integration-connection:${connectionId}:webhook-secret`,
  clientSecret: (integrationId: string) => `integration:${integrationId}:client-secret`,
  codeVerifier: (state: string) => `integration-authorization:${state}:code-verifier`,
};

/**
 * Rows of integrations and connections, and their sealed secrets. The one place tokens are sealed
 * and opened; nothing here logs or returns them except `openTokens` to the module's own callers.
 */
@injectable()
export class ConnectionStore {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
  ) {}

  async integration(integrationId: string): Promise<Integration> {
    const row = await this.uow.db('integrations').where({ integration_id: integrationId, tenant: currentTenant('integrations.get') }).first();
    if (!row) throw new IntegrationNotFoundError(integrationId);
    return integrationOf(row);
  }

  async oauthCredentials(integrationId: string): Promise<OAuthClientCredentials> {
    const row = await this.uow.db('integrations').where({ integration_id: integrationId, tenant: currentTenant('integrations.credentials') }).first();
    if (!row) throw new IntegrationNotFoundError(integrationId);
    return {
      serverMetadata: JSON.parse(row.server_metadata) as ServerMetadata,
      clientId: row.client_id,
      clientSecret: row.client_secret_sealed ? this.box.open(row.client_secret_sealed, sealContext.clientSecret(integrationId)) : undefined,
    };
  }

  /** The connection's row joined with its integration's provider; ConnectionNotFoundError when absent for the tenant. */
  async row(connectionId: string, db: Knex | Knex.Transaction = this.uow.db): Promise<ConnectionRow> {
    const tenant = currentTenant('integrations.connection');
    const row = await db('integration_connections as c')
      .join('integrations as i', 'i.integration_id', 'c.integration_id')
      .where({ 'c.connection_id': connectionId, 'c.tenant': tenant, 'i.tenant': tenant })
      .first('c.*', 'i.provider', 'i.api_base_url');
    if (!row) throw new ConnectionNotFoundError(connectionId);
    return row as ConnectionRow;
  }

  async connection(connectionId: string): Promise<Connection> {
    return connectionOf(await this.row(connectionId));
  }

  openTokens(row: ConnectionRow): { accessToken?: string; refreshToken?: string } {
    return {
      accessToken: row.access_token_sealed ? this.box.open(row.access_token_sealed, sealContext.accessToken(row.connection_id)) : undefined,
      refreshToken: row.refresh_token_sealed ? this.box.open(row.refresh_token_sealed, sealContext.refreshToken(row.connection_id)) : undefined,
    };
  }

  openWebhookSecret(row: ConnectionRow): string | undefined {
    return row.webhook_secret_sealed ? this.box.open(row.webhook_secret_sealed, sealContext.webhookSecret(row.connection_id)) : undefined;
  }

  seal(value: string, context: string): string {
    return this.box.seal(value, context);
  }

  openSealed(sealed: string, context: string): string {
    return this.box.open(sealed, context);
  }

  /**
   * Columns storing a token answer. A refresh answer without a refresh token keeps the current
   * one (RFC 6749 §6: the server MAY issue a new one); `keepRefresh` carries it over.
   */
  tokenColumns(connectionId: string, grant: TokenGrant, keep: { refreshSealed?: string | null; refreshExpiresAt?: Date | null } = {}): Record<string, unknown> {
    const refreshSealed = grant.refreshToken ? this.box.seal(grant.refreshToken, sealContext.refreshToken(connectionId)) : (keep.refreshSealed ?? null);
    const refreshExpiresAt = grant.refreshToken ? (grant.refreshTokenExpiresAt ?? null) : (keep.refreshExpiresAt ?? null);
    return {
      access_token_sealed: this.box.seal(grant.accessToken, sealContext.accessToken(connectionId)),
      refresh_token_sealed: refreshSealed,
      token_type: grant.tokenType,
      granted_scope: grant.scope ?? null,
      access_token_expires_at: grant.accessTokenExpiresAt ?? null,
      refresh_token_expires_at: refreshExpiresAt,
      credentials_expire_at: refreshSealed ? refreshExpiresAt : (grant.accessTokenExpiresAt ?? null),
    };
  }
}

/** A connection row with its integration's provider and API base URL. */
export interface ConnectionRow {
  connection_id: string;
  tenant: string;
  integration_id: string;
  provider: string;
  api_base_url: string | null;
  status: ConnectionStatus;
  access_token_sealed: string | null;
  refresh_token_sealed: string | null;
  webhook_secret_sealed: string | null;
  token_version: number;
  [column: string]: unknown;
}

export function integrationOf(row: any): Integration {
  return {
    id: row.integration_id,
    tenantId: row.tenant,
    provider: row.provider,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    scopes: String(row.scopes).split(' ').filter(Boolean),
    apiBaseUrl: row.api_base_url ?? undefined,
    createdAt: readDate(row.created_at)!,
  };
}

export function connectionOf(row: ConnectionRow): Connection {
  const date = (column: string) => readDate(row[column]) ?? undefined;
  return {
    id: row.connection_id,
    tenantId: row.tenant,
    integrationId: row.integration_id,
    provider: row.provider,
    status: row.status,
    connectedAt: date('connected_at')!,
    connectedByUserId: (row.connected_by_user_id as string) ?? undefined,
    disconnectedAt: date('disconnected_at'),
    disconnectedByUserId: (row.disconnected_by_user_id as string) ?? undefined,
    disconnectReason: (row.disconnect_reason as string) ?? undefined,
    accessTokenExpiresAt: date('access_token_expires_at'),
    refreshTokenExpiresAt: date('refresh_token_expires_at'),
    credentialsExpireAt: date('credentials_expire_at'),
    hasRefreshToken: !!row.refresh_token_sealed,
    tokenVersion: Number(row.token_version),
    grantedScope: (row.granted_scope as string) ?? undefined,
    attentionReason: (row.attention_reason as string) ?? undefined,
    lastRefreshError: row.last_refresh_error ? { code: (row.last_refresh_error_code as string) ?? undefined, message: row.last_refresh_error as string } : undefined,
    hasWebhookSecret: !!row.webhook_secret_sealed,
  };
}
