import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, readDate, SecretBox, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { EmailNotFoundError } from '../shared/email-errors';
import { ApiAccess } from './provider-api';
import { EmailProvider } from './provider';

export interface ProviderCredentials {
  accessToken: string;
  refreshToken?: string;
}

/** Reads connected mailboxes (tenant-scoped) and opens their sealed credentials. */
@injectable()
export class ProviderStore {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
  ) {}

  async row(providerId: string, options: { forUpdate?: boolean } = {}): Promise<Record<string, any>> {
    const tenant = currentTenant('ProviderStore.row');
    let q = this.uow.db('email_providers').where({ tenant, provider_id: providerId.toLowerCase() });
    if (options.forUpdate) q = q.modify(forUpdate(this.uow.db));
    const row = await q.first();
    if (!row) throw new EmailNotFoundError('email provider', providerId);
    return row;
  }

  async get(providerId: string): Promise<EmailProvider> {
    return toProvider(await this.row(providerId));
  }

  /** The credentials to call the provider's API with; undefined once erased (disconnected). */
  access(row: Record<string, any>): ApiAccess | undefined {
    if (!row.credentials_sealed) return undefined;
    const creds = JSON.parse(this.box.open(row.credentials_sealed, `email-provider:${row.provider_id}`)) as ProviderCredentials;
    return { type: row.provider_type, apiBaseUrl: row.api_base_url, accessToken: creds.accessToken, mailbox: row.mailbox };
  }

  sealCredentials(providerId: string, creds: ProviderCredentials): string {
    return this.box.seal(JSON.stringify(creds), `email-provider:${providerId}`);
  }

  sealClientState(providerId: string, clientState: string): string {
    return this.box.seal(clientState, `email-client-state:${providerId}`);
  }

  /** Runs `fn` as `tenantId` (actor SYSTEM): for callers that found a row before knowing its tenant. */
  withTenant<T>(tenantId: string, fn: () => T): T {
    return withEmissionContext({ tenantId, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, fn);
  }

  openClientState(row: Record<string, any>): string | undefined {
    return row.client_state_sealed ? this.box.open(row.client_state_sealed, `email-client-state:${row.provider_id}`) : undefined;
  }
}

export function toProvider(row: Record<string, any>): EmailProvider {
  return {
    id: row.provider_id,
    tenantId: row.tenant,
    type: row.provider_type,
    name: row.name,
    mailbox: row.mailbox,
    status: row.status,
    apiBaseUrl: row.api_base_url,
    hasClientState: !!row.client_state_sealed,
    boardId: row.board_id ?? undefined,
    priorityId: row.priority_id ?? undefined,
    connectedAt: readDate(row.connected_at)!,
    disconnectedAt: readDate(row.disconnected_at) ?? undefined,
    disconnectReason: row.disconnect_reason ?? undefined,
  };
}
