/** How a provider signs its webhooks. */
export type WebhookScheme = StandardWebhooksScheme | HmacSha256Scheme;

/** The Standard Webhooks scheme (webhook-id / webhook-timestamp / webhook-signature, `whsec_` secrets), checked with `standardwebhooks`. */
export interface StandardWebhooksScheme {
  kind: 'standard-webhooks';
}

/**
 * HMAC-SHA256 of the raw body (or of `<timestamp>.<body>` when the provider sends a timestamp
 * header) with a shared secret, in a header, hex or base64, optionally prefixed (`sha256=`).
 */
export interface HmacSha256Scheme {
  kind: 'hmac-sha256';
  signatureHeader: string;
  encoding: 'hex' | 'base64';
  signaturePrefix?: string;
  /** Header carrying the provider's delivery id (the de-duplication key). */
  deliveryIdHeader: string;
  /** Header with the Unix time (seconds) of the delivery; when set it is signed and checked against the tolerance. */
  timestampHeader?: string;
}

/** One record of the provider as a sync reads it. */
export interface ExternalRecord {
  /** The provider's record type, e.g. customer, device. */
  type: string;
  externalId: string;
  /** The provider reports the record deleted (a tombstone). */
  deleted?: boolean;
  data?: Record<string, unknown>;
}

export interface SyncPageRequest {
  accessToken: string;
  /** Where the previous page (or run) stopped; undefined for a first, full sync. */
  cursor?: string;
  /** The run's scope as the caller gave it. */
  scope?: unknown;
  /** The integration's API base URL, for adapters that need one. */
  apiBaseUrl?: string;
  timeoutMs: number;
}

export interface SyncPage {
  records: ExternalRecord[];
  /** Resume point after this page; stored when the run completes. */
  cursor?: string;
  hasMore: boolean;
}

export type WebhookHeaders = Record<string, string | undefined>;

/**
 * What the module needs from one provider: the webhook scheme, how to read a delivery, and the
 * changes feed a sync reads. OAuth itself is standard (RFC 6749 + PKCE) and is not the adapter's.
 */
export interface ProviderAdapter {
  /** Key stored on integrations and sent in events (`provider`). */
  readonly provider: string;
  readonly defaultScopes: string[];
  readonly webhookScheme: WebhookScheme;
  /** The provider's event type of a verified delivery (undefined when the body names none). */
  webhookEventName(body: unknown, headers: WebhookHeaders): string | undefined;
  /** Whether a delivered event means the provider revoked our access (the connection is then disconnected). */
  isRevocation(eventName: string): boolean;
  /**
   * One page of changes since `cursor`. Throws ProviderError; an `unauthorized` one makes the
   * runner refresh the token and ask once more.
   */
  fetchChanges(request: SyncPageRequest): Promise<SyncPage>;
  /** Why a record cannot be applied (it is skipped with a warning), or undefined. */
  checkRecord?(record: ExternalRecord): string | undefined;
}
