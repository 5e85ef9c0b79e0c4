import { ExternalRecord, ProviderAdapter, SyncPage, SyncPageRequest, WebhookHeaders, WebhookScheme } from './provider-adapter';
import { httpFailure, ProviderError, transportFailure } from './provider-failure';

export interface ReferenceAdapterOptions {
  /** Adapter key; default `reference`. */
  provider?: string;
  /** Default: Standard Webhooks. */
  webhookScheme?: WebhookScheme;
  pageSize?: number;
}

/**
 * The adapter for the reference provider (see reference-provider.ts): a changes feed at
 * `GET <api>/api/records?since=<cursor>&limit=<n>` with a Bearer token, answering
 * `{ records: [{ type, id, deleted?, data? }], cursor, hasMore }`; webhooks `{ type, timestamp, data }`;
 * `grant.revoked` means access was revoked. Real adapters follow the same shape.
 */
export class ReferenceAdapter implements ProviderAdapter {
  readonly provider: string;
  readonly defaultScopes = ['records.read', 'offline_access'];
  readonly webhookScheme: WebhookScheme;
  private readonly pageSize: number;

  constructor(options: ReferenceAdapterOptions = {}) {
    this.provider = options.provider ?? 'reference';
    this.webhookScheme = options.webhookScheme ?? { kind: 'standard-webhooks' };
    this.pageSize = options.pageSize ?? 100;
  }

  webhookEventName(body: unknown, _headers: WebhookHeaders): string | undefined {
    const type = (body as { type?: unknown } | null)?.type;
    return typeof type === 'string' && type.trim() ? type : undefined;
  }

  isRevocation(eventName: string): boolean {
    return eventName === 'grant.revoked';
  }

  checkRecord(record: ExternalRecord): string | undefined {
    if (record.type === 'customer' && !record.deleted && !String(record.data?.name ?? '').trim()) return `customer ${record.externalId}: no name`;
    return undefined;
  }

  async fetchChanges(request: SyncPageRequest): Promise<SyncPage> {
    if (!request.apiBaseUrl) throw new ProviderError({ code: 'not_configured', message: 'the integration has no apiBaseUrl', retryable: false });
    const url = new URL('/api/records', request.apiBaseUrl);
    url.searchParams.set('limit', String(this.pageSize));
    if (request.cursor) url.searchParams.set('since', request.cursor);
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(request.timeoutMs) });
    } catch (err) {
      throw new ProviderError(transportFailure(err) ?? { code: 'network_error', message: (err as Error).message, retryable: true });
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error_description?: string; error?: string };
      throw new ProviderError(httpFailure(res.status, body.error_description ?? body.error));
    }
    const body = (await res.json()) as { records?: unknown; cursor?: unknown; hasMore?: unknown };
    if (!Array.isArray(body.records)) throw new ProviderError({ code: 'invalid_response', message: 'records is not a list', retryable: false });
    return {
      records: body.records.map((r: any) => ({ type: String(r.type), externalId: String(r.id), deleted: r.deleted === true, data: r.data ?? undefined })),
      cursor: typeof body.cursor === 'string' ? body.cursor : undefined,
      hasMore: body.hasMore === true,
    };
  }
}
