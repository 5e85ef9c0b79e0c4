import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { normalizeAddress } from '../shared/addresses';
import { EmailInputError, EmailStateError } from '../shared/email-errors';
import { PROVIDER_TYPES } from './provider';
import { EmailProvider } from './provider';
import { DEFAULT_API_BASE, ProviderApi, ProviderApiError } from './provider-api';
import { ConnectProviderInput } from './provider-input';
import { DisconnectResult, providerConnected, providerDisconnected } from './provider-mappers';
import { ProviderStore, toProvider } from './provider-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refused verification: the provider did not accept the token (nothing was stored). */
export class ProviderVerificationError extends EmailStateError {
  constructor(readonly status: number, message: string) {
    super(`The mailbox could not be verified: ${message}`, 'EMAIL_PROVIDER_VERIFICATION_FAILED');
  }
}

/**
 * Connecting and disconnecting mailboxes. A connection is verified before anything is stored:
 * the provider's API must answer with the mailbox's address for the given token. Tokens and the
 * Graph clientState are sealed (SecretBox, bound to the row), never logged, never in an event.
 */
@injectable()
export class EmailProviderService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ProviderStore,
    private readonly api: ProviderApi,
  ) {}

  /** Throws EmailInputError naming the field, or ProviderVerificationError; nothing stored or emitted then. */
  @EmitsEvent('EMAIL_PROVIDER_CONNECTED', providerConnected)
  async connect(input: ConnectProviderInput): Promise<EmailProvider> {
    const tenant = currentTenant('EmailProviderService.connect');
    if (!PROVIDER_TYPES.includes(input.type)) throw new EmailInputError('type', `must be one of ${PROVIDER_TYPES.join(', ')}`);
    if (typeof input.name !== 'string' || !input.name.trim()) throw new EmailInputError('name', 'must not be empty');
    if (typeof input.accessToken !== 'string' || !input.accessToken) throw new EmailInputError('accessToken', 'is required');
    const apiBaseUrl = input.apiBaseUrl ?? DEFAULT_API_BASE[input.type];
    if (!/^https?:\/\//.test(apiBaseUrl)) throw new EmailInputError('apiBaseUrl', 'must be an http(s) URL');
    if (input.type === 'microsoft' && (!input.subscriptionId || !input.clientState)) throw new EmailInputError(input.subscriptionId ? 'clientState' : 'subscriptionId', 'is required for a Microsoft Graph mailbox');
    if (input.clientState !== undefined && input.clientState.length > 255) throw new EmailInputError('clientState', 'must be at most 255 characters');
    if (input.subscriptionExpiresAt !== undefined && !(input.subscriptionExpiresAt instanceof Date && !isNaN(input.subscriptionExpiresAt.getTime()))) throw new EmailInputError('subscriptionExpiresAt', 'must be a valid date');
    for (const f of ['boardId', 'priorityId'] as const) if (input[f] !== undefined && !UUID.test(input[f]!)) throw new EmailInputError(f, 'must be a UUID');

    let verified: { address: string; historyId?: string };
    try {
      verified = await this.api.mailboxOf({ type: input.type, apiBaseUrl, accessToken: input.accessToken });
    } catch (err) {
      if (err instanceof ProviderApiError) throw new ProviderVerificationError(err.status, err.message);
      throw err;
    }
    const mailbox = normalizeAddress(verified.address);
    const id = uuidv4();
    await this.uow.db('email_providers').insert({
      tenant,
      provider_id: id,
      provider_type: input.type,
      name: input.name.trim(),
      mailbox,
      status: 'connected',
      api_base_url: apiBaseUrl,
      credentials_sealed: this.store.sealCredentials(id, { accessToken: input.accessToken, refreshToken: input.refreshToken }),
      client_state_sealed: input.clientState ? this.store.sealClientState(id, input.clientState) : null,
      subscription_id: input.subscriptionId ?? null,
      gmail_history_id: verified.historyId ?? null,
      subscription_expires_at: input.subscriptionExpiresAt ?? null,
      board_id: input.boardId?.toLowerCase() ?? null,
      priority_id: input.priorityId?.toLowerCase() ?? null,
      connected_at: actionTime(),
    });
    return this.store.get(id);
  }

  /** A user disconnects a mailbox: credentials erased, notifications refused afterwards. Again: no event. */
  @EmitsEvent('EMAIL_PROVIDER_DISCONNECTED', providerDisconnected)
  async disconnect(providerId: string, reason?: string): Promise<DisconnectResult> {
    currentTenant('EmailProviderService.disconnect');
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) throw new EmailInputError('reason', 'must be text of at most 500 characters');
    return this.markDisconnected(providerId, reason?.trim() || 'disconnected by user');
  }

  /** The provider revoked access (Graph subscriptionRemoved, a refused token): same as a disconnect, with the cause. */
  @EmitsEvent('EMAIL_PROVIDER_DISCONNECTED', providerDisconnected)
  async markRevokedByProvider(providerId: string, cause: string): Promise<DisconnectResult> {
    currentTenant('EmailProviderService.markRevokedByProvider');
    return this.markDisconnected(providerId, `revoked by provider (${cause.slice(0, 200)})`);
  }

  private async markDisconnected(providerId: string, reason: string): Promise<DisconnectResult> {
    const tenant = currentTenant('EmailProviderService.disconnect');
    const row = await this.store.row(providerId, { forUpdate: true });
    if (row.status === 'disconnected') return { provider: toProvider(row), changed: false };
    await this.uow.db('email_providers')
      .where({ tenant, provider_id: row.provider_id, status: 'connected' })
      .update({ status: 'disconnected', disconnected_at: actionTime(), disconnect_reason: reason, credentials_sealed: null, client_state_sealed: null });
    return { provider: await this.store.get(row.provider_id), changed: true };
  }
}
