/**
 * How a call to a provider failed, as events report it: `code` is the provider's OAuth error
 * (RFC 6749 §5.2: invalid_grant, …) or http_<status>, timeout, network_error, invalid_response;
 * `retryable` says whether trying again later can work without a person.
 */
export interface ProviderFailure {
  code: string;
  message: string;
  retryable: boolean;
  /** HTTP status, when the provider answered. */
  status?: number;
}

/** A provider call failed; thrown by adapters and the OAuth client, carrying the classified failure. */
export class ProviderError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(`${failure.code}: ${failure.message}`);
    this.name = 'ProviderError';
  }
}

/** HTTP statuses worth retrying: the provider is overloaded, down or rate-limiting. */
export const retryableStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/** A failure for an HTTP error answer. */
export const httpFailure = (status: number, message?: string): ProviderFailure => ({
  code: status === 401 ? 'unauthorized' : `http_${status}`,
  message: message || `the provider answered HTTP ${status}`,
  retryable: retryableStatus(status),
  status,
});

/** Timeouts and connection failures of fetch (undici): retryable, the provider may be back soon. */
export function transportFailure(err: unknown): ProviderFailure | undefined {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { code: 'timeout', message: 'the provider did not answer in time', retryable: true };
  if (e?.name === 'TypeError' && e.message === 'fetch failed') {
    const why = e.cause?.code ?? e.cause?.message ?? 'connection failed';
    return { code: 'network_error', message: `could not reach the provider (${why})`, retryable: true };
  }
  return undefined;
}
