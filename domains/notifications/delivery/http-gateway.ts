import { GatewayError, GatewayReceipt, MessageGateway, OutgoingMessage } from './gateway';

/**
 * A JSON-over-HTTP gateway (the shape of most SMS and push relays):
 *
 *   POST <url>   Idempotency-Key: <notificationId>   { "to", "subject", "body", "reference" }
 *   2xx          { "id": "<provider message id>", "status": "delivered" | "queued" }
 *
 * 408, 429, 5xx, timeouts and unreachable hosts are retryable failures; other 4xx are permanent
 * (the gateway's `error` or `message` becomes the cause). A bearer token is sent when configured.
 */
export class HttpJsonGateway implements MessageGateway {
  constructor(
    private readonly url: string,
    private readonly options: { token?: string; timeoutMs?: number } = {},
  ) {}

  async send(message: OutgoingMessage): Promise<GatewayReceipt> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.notificationId,
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, subject: message.subject, body: message.body, reference: message.notificationId }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new GatewayError(timedOut ? 'GATEWAY_TIMEOUT' : 'GATEWAY_UNAVAILABLE', `${message.channel} gateway ${timedOut ? 'did not answer in time' : 'unreachable'}: ${(err as Error).message}`, true);
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    if (!res.ok) {
      const cause = String(body.error ?? body.message ?? (text.slice(0, 200) || res.statusText));
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      throw new GatewayError(`HTTP_${res.status}`, `${message.channel} gateway answered ${res.status}: ${cause}`, retryable);
    }
    return {
      status: body.status === 'delivered' ? 'delivered' : 'accepted',
      providerMessageId: typeof body.id === 'string' && body.id ? body.id : undefined,
    };
  }
}
