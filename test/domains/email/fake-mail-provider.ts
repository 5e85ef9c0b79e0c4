import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });

/**
 * Microsoft Graph and Gmail message APIs on loopback, as far as the email module calls them:
 * Graph `GET /v1.0/me`, `GET /v1.0/users/{mailbox}/messages/{id}/$value` and `PATCH /v1.0/subscriptions/{id}`; Gmail
 * `GET /gmail/v1/users/me/profile`, `/history?startHistoryId=`, `/messages/{id}?format=raw` and `POST /watch`;
 * and Google's federated sign-on certificates (`/oauth2/v1/certs`, PEM by key id) for push tokens.
 * Bearer tokens other than `token` get 401, like a revoked grant.
 */
export class FakeMailProvider {
  token = 'graph-access-token';
  mailbox = 'support@msp.example';
  readonly messages = new Map<string, Buffer>();
  /** Gmail history: each entry adds message ids; the history id is its index + 100. */
  readonly history: string[][] = [];
  certs: Record<string, string> = {};
  readonly calls: string[] = [];
  /** What users.watch answers as the new expiry. */
  watchExpiresAt = new Date('2026-03-09T09:00:00.000Z');
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get graphBase(): string {
    return `${this.url}/v1.0`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): unknown {
    const url = new URL(req.url ?? '/', this.url);
    this.calls.push(`${req.method === 'GET' ? '' : `${req.method} `}${url.pathname}${url.search}`);
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/oauth2/v1/certs') return json(200, this.certs);
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(401, { error: { code: 'InvalidAuthenticationToken' } });
    const sub = /^\/v1\.0\/subscriptions\/([^/]+)$/.exec(url.pathname);
    if (sub && req.method === 'PATCH') {
      return void readBody(req).then((body) => json(200, { id: decodeURIComponent(sub![1]), expirationDateTime: JSON.parse(body).expirationDateTime }));
    }
    if (url.pathname === '/gmail/v1/users/me/watch' && req.method === 'POST') {
      return void readBody(req).then(() => json(200, { historyId: String(99 + this.history.length), expiration: String(this.watchExpiresAt.getTime()) }));
    }
    if (url.pathname === '/v1.0/me') return json(200, { mail: this.mailbox, userPrincipalName: this.mailbox });
    let m = /^\/v1\.0\/users\/([^/]+)\/messages\/([^/]+)\/\$value$/.exec(url.pathname);
    if (m) {
      const raw = this.messages.get(decodeURIComponent(m[2]));
      return raw ? void res.writeHead(200, { 'content-type': 'message/rfc822' }).end(raw) : json(404, { error: { code: 'ErrorItemNotFound' } });
    }
    if (url.pathname === '/gmail/v1/users/me/profile') return json(200, { emailAddress: this.mailbox, historyId: String(99 + this.history.length) });
    if (url.pathname === '/gmail/v1/users/me/history') {
      const start = Number(url.searchParams.get('startHistoryId'));
      const history = this.history.map((ids, i) => ({ id: String(100 + i), messagesAdded: ids.map((id) => ({ message: { id } })) })).filter((h) => Number(h.id) > start);
      return json(200, { history, historyId: String(99 + this.history.length) });
    }
    m = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)$/.exec(url.pathname);
    if (m && url.searchParams.get('format') === 'raw') {
      const raw = this.messages.get(decodeURIComponent(m[1]));
      return raw ? json(200, { id: m[1], raw: raw.toString('base64url') }) : json(404, { error: { code: 404 } });
    }
    json(404, { error: 'not found' });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
