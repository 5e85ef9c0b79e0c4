import { DomainError, DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { ProviderFailure } from '../providers/provider-failure';
import { ConnectionStatus } from './connection';

export class IntegrationNotFoundError extends DomainNotFoundError {
  constructor(readonly integrationId: string) {
    super('integration', integrationId);
  }
}

export class ConnectionNotFoundError extends DomainNotFoundError {
  constructor(readonly connectionId: string) {
    super('connection', connectionId, 'INTEGRATION_CONNECTION_NOT_FOUND');
  }
}

/** The connection's status does not allow the action (syncing a disconnected connection, disconnecting twice, …). */
export class ConnectionStateError extends DomainStateError {
  constructor(
    readonly connectionId: string,
    readonly status: ConnectionStatus,
    action: string,
  ) {
    super(`Cannot ${action} connection ${connectionId}: it is ${status}`, 'INTEGRATION_CONNECTION_STATE');
  }
}

/** Bad input to an integrations action; `field` names it. */
export class IntegrationInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'INTEGRATION_INPUT_INVALID', 'integration input');
  }
}

/** An integration of this name exists already for the tenant. */
export class IntegrationNameTakenError extends DomainStateError {
  constructor(readonly integrationName: string) {
    super(`An integration named "${integrationName}" exists already`, 'INTEGRATION_NAME_TAKEN');
  }
}

/**
 * The OAuth callback cannot complete: unknown, expired or already used `state` (a replayed or
 * forged callback), or the provider sent an error instead of a code (access_denied, …).
 */
export class AuthorizationRejectedError extends DomainError {
  constructor(
    code: 'AUTHORIZATION_STATE_INVALID' | 'AUTHORIZATION_DENIED',
    message: string,
    readonly providerError?: string,
  ) {
    super(code, message);
  }
}

/** The provider refused or failed a call we needed (token exchange, refresh); `failure` says how, and whether a retry can help. */
export class ProviderCallError extends DomainError {
  constructor(
    readonly action: string,
    readonly failure: ProviderFailure,
  ) {
    super('INTEGRATION_PROVIDER_ERROR', `${action} failed at the provider: ${failure.code} — ${failure.message}`);
  }
}
