import * as oauth from 'openid-client';
import { httpFailure, ProviderFailure, retryableStatus, transportFailure } from '../providers/provider-failure';

/** OAuth errors (RFC 6749 §5.2, RFC 6749 §4.1.2.1) that say the server is busy rather than that the request is wrong. */
const RETRYABLE_OAUTH_ERRORS = new Set(['temporarily_unavailable', 'server_error', 'slow_down']);

/**
 * What an openid-client call failure means for us. An error body from the provider gives its
 * own code (invalid_grant: the grant is revoked or expired — a person must reconnect); an answer
 * that is not a conforming OAuth error is classified by HTTP status (5xx/429: retry later).
 */
export function oauthFailure(err: unknown): ProviderFailure {
  if (err instanceof oauth.ResponseBodyError) {
    return { code: err.error, message: err.error_description || err.error, retryable: RETRYABLE_OAUTH_ERRORS.has(err.error) || retryableStatus(err.status), status: err.status };
  }
  if (err instanceof oauth.AuthorizationResponseError) {
    return { code: err.error, message: err.error_description || err.error, retryable: false };
  }
  if (err instanceof oauth.ClientError) {
    const cause = (err as { cause?: unknown }).cause;
    if (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && cause instanceof Response) return httpFailure(cause.status, `the token endpoint answered HTTP ${cause.status}`);
    if (err.code === 'OAUTH_TIMEOUT') return { code: 'timeout', message: 'the provider did not answer in time', retryable: true };
    const transport = transportFailure(cause);
    if (transport) return transport;
    return { code: 'invalid_response', message: err.message, retryable: false };
  }
  return transportFailure(err) ?? { code: 'client_error', message: (err as Error)?.message ?? String(err), retryable: false };
}
