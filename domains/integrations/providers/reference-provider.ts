import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { OAuth2Service } from 'oauth2-mock-server';

/** A token endpoint answer the next request gets instead of the normal one (fault injection). */
export interface TokenFault {
  status: number;
  body: unknown;
}

interface Grant {
  id: string;
  revoked: boolean;
}

interface StoredRecord {
  seq: number;
  type: string;
  id: string;
  deleted: boolean;
  data?: Record<string, unknown>;
}

const TOKEN_TTL_SECONDS = 3600;

/**
 * A provider on loopback for tests and `wfe demo`: a real OAuth 2.0 authorization server
 * (`oauth2-mock-server`: discovery, authorization code with PKCE S256, refresh, RFC 7009 revocation)
 * with the provider behaviour real ones document added on top: refresh tokens rotate and a reused
 * one revokes the whole grant (OAuth 2.0 Security BCP §4.14.2); revoked grants get invalid_grant.
 * Its API is a changes feed (`GET /api/records`) guarded by the access tokens it issued. Faults —
 * error answers, slow answers, edited token responses — are queued by tests.
 */
export class ReferenceProvider {
  /** Token requests by grant type (faulted ones included), revoked tokens, API calls. */
  readonly stats = { authorizationCodeGrants: 0, refreshGrants: 0, revocations: [] as string[], apiRequests: 0 };
  private server?: http.Server;
  private service?: OAuth2Service;
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, { grant: Grant; used: boolean }>();
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly records: StoredRecord[] = [];
  private seq = 0;
  private readonly tokenFaults: TokenFault[] = [];
  private readonly tokenEdits: Array<(body: Record<string, unknown>) => void> = [];
  private readonly tokenDelays: number[] = [];
  private readonly apiFaults: number[] = [];
  private readonly revocationFaults: number[] = [];

  /** Base URL (`http://127.0.0.1:<port>`): the issuer and the API base. */
  get url(): string {
    if (!this.server) throw new Error('reference provider is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    // Loaded on demand: the server stack is needed only by the demo and tests.
    const { OAuth2Issuer, OAuth2Service } = await import('oauth2-mock-server');
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const service = new OAuth2Service(issuer);
    // Every token unique, as real providers' are (the mock's JWTs repeat within one second).
    service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => (token.payload.jti = randomUUID()));
    service.on('beforeResponse', (response: { statusCode: number; body: any }, req: { body: Record<string, string> }) => this.onTokenResponse(response, req.body));
    this.service = service;
    this.server = http.createServer((req, res) => void this.route(req, res, service).catch((err) => this.fail(res, err)));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    issuer.url = this.url;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  // ---- what tests and the demo do to the provider ----

  /** The next token request gets this answer (e.g. 400 invalid_grant, 503), without rotating anything. */
  failNextTokenRequest(fault: TokenFault): void {
    this.tokenFaults.push(fault);
  }

  /** The next successful token answer is edited first (e.g. `expires_in` removed or a string). */
  editNextTokenResponse(edit: (body: Record<string, unknown>) => void): void {
    this.tokenEdits.push(edit);
  }

  /** The next token request is answered only after `ms` (client timeouts). */
  delayNextTokenRequest(ms: number): void {
    this.tokenDelays.push(ms);
  }

  /** The next revocation request gets this HTTP status and revokes nothing. */
  failNextRevocation(status: number): void {
    this.revocationFaults.push(status);
  }

  /** The next API request gets this HTTP status. */
  failNextApiRequest(status: number): void {
    this.apiFaults.push(status);
  }

  /** An administrator at the provider revokes every grant (the next refresh gets invalid_grant). */
  revokeAllGrants(): void {
    for (const grant of this.grants.values()) grant.revoked = true;
  }

  putRecord(type: string, id: string, data: Record<string, unknown>): void {
    this.records.push({ seq: ++this.seq, type, id, deleted: false, data });
  }

  deleteRecord(type: string, id: string): void {
    this.records.push({ seq: ++this.seq, type, id, deleted: true });
  }

  /** The grant of a refresh token: 'live', 'used' (rotated away), 'revoked' or 'unknown'. */
  refreshTokenState(token: string): 'live' | 'used' | 'revoked' | 'unknown' {
    const entry = this.refreshTokens.get(token);
    if (!entry) return 'unknown';
    if (entry.grant.revoked) return 'revoked';
    return entry.used ? 'used' : 'live';
  }

  // ---- the server ----

  private async route(req: http.IncomingMessage, res: http.ServerResponse, service: OAuth2Service): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) return this.api(req, res, path);
    if (path === '/token' && this.tokenDelays.length) {
      await new Promise((r) => setTimeout(r, this.tokenDelays.shift()));
      // A provider that hung: a client that gave up meanwhile changed nothing here.
      if (res.closed || req.socket.destroyed) return;
    }
    // The mock parses no form bodies at /revoke: read the token here, then let it answer.
    if (path === '/revoke' && req.method === 'POST') {
      const token = new URLSearchParams(await readBody(req)).get('token');
      const fault = this.revocationFaults.shift();
      if (fault) return json(res, fault, { error: 'temporarily_unavailable' });
      this.revoke(token);
    }
    (service.requestHandler as unknown as http.RequestListener)(req, res);
  }

  private onTokenResponse(response: { statusCode: number; body: any }, request: Record<string, string>): void {
    if (request.grant_type === 'refresh_token') this.stats.refreshGrants++;
    if (request.grant_type === 'authorization_code') this.stats.authorizationCodeGrants++;
    const fault = this.tokenFaults.shift();
    if (fault) {
      response.statusCode = fault.status;
      response.body = fault.body;
      return;
    }
    if (response.statusCode !== 200) return;
    let grant: Grant;
    if (request.grant_type === 'refresh_token') {
      const presented = this.refreshTokens.get(request.refresh_token);
      if (!presented || presented.grant.revoked) return invalidGrant(response, 'the refresh token is not valid (revoked or unknown)');
      if (presented.used) {
        // Reuse of a rotated refresh token: someone has a copy; revoke the whole grant.
        presented.grant.revoked = true;
        return invalidGrant(response, 'refresh token reuse detected; the grant is revoked');
      }
      presented.used = true;
      grant = presented.grant;
    } else if (request.grant_type === 'authorization_code') {
      grant = { id: randomUUID(), revoked: false };
      this.grants.set(grant.id, grant);
    } else return;
    const body = response.body as Record<string, unknown>;
    delete body.id_token; // an OAuth provider, not OpenID: no ID token
    this.refreshTokens.set(String(body.refresh_token), { grant, used: false });
    this.accessTokens.set(String(body.access_token), { grant, expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000 });
    this.tokenEdits.shift()?.(body);
  }

  private revoke(token: string | null): void {
    if (!token) return;
    this.stats.revocations.push(token);
    const grant = this.refreshTokens.get(token)?.grant ?? this.accessTokens.get(token)?.grant;
    if (grant) grant.revoked = true;
  }

  private api(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    this.stats.apiRequests++;
    const fault = this.apiFaults.shift();
    if (fault) return json(res, fault, { error: 'server_error', error_description: `injected HTTP ${fault}` });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = token ? this.accessTokens.get(token) : undefined;
    if (!access || access.grant.revoked || access.expiresAt <= Date.now()) return json(res, 401, { error: 'invalid_token', error_description: 'the access token is not valid' });
    if (path !== '/api/records' || req.method !== 'GET') return json(res, 404, { error: 'not_found' });
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const since = Number(query.get('since') ?? 0);
    const limit = Math.max(1, Math.min(500, Number(query.get('limit') ?? 100)));
    const changed = this.records.filter((r) => r.seq > since);
    const page = changed.slice(0, limit);
    json(res, 200, {
      records: page.map((r) => ({ type: r.type, id: r.id, deleted: r.deleted || undefined, data: r.data })),
      cursor: String(page.length ? page[page.length - 1].seq : since),
      hasMore: changed.length > limit,
    });
  }

  private fail(res: http.ServerResponse, err: unknown): void {
    if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: (err as Error).message });
  }
}

function invalidGrant(response: { statusCode: number; body: unknown }, description: string): void {
  response.statusCode = 400;
  response.body = { error: 'invalid_grant', error_description: description };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
