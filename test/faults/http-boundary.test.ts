import { expect } from 'chai';
import { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { App, syncCatalog } from '../../src/app';
import { isLoopbackHost } from '../../src/http/api-token';
import { createServer } from '../../src/http/server';
import { forEachDatabase } from '../support/databases';
import { createTestApp } from '../tooling/support/app';

/** Issue 10.9/10.10: bad bodies get a 400 naming what was wrong, nothing is written, one error shape. */
forEachDatabase('HTTP boundary: bad input and who may write', (target) => {
  let app: App;
  let dispose: () => Promise<void>;
  let server: FastifyInstance;
  const logged: Array<Record<string, unknown>> = [];

  const open = async (apiToken?: string) => {
    ({ app, dispose } = await createTestApp(target));
    app.config.apiToken = apiToken;
    await syncCatalog(app);
    // The log is where causes go; the test reads it instead of the answer.
    app.logger.error = ((obj: Record<string, unknown>) => void logged.push(obj)) as never;
    server = createServer(app);
  };
  afterEach(async () => {
    logged.length = 0;
    await server.close();
    await dispose();
  });

  const outboxCount = async () => Number((await app.runtime.db('event_outbox').count({ n: '*' }))[0].n);
  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    server.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
  const expectErrorShape = (res: LightMyRequestResponse, status: number, code: string) => {
    expect(res.statusCode, res.body).to.equal(status);
    const body = res.json();
    expect(body.error, res.body).to.equal(code);
    expect(body.message).to.be.a('string').and.not.equal('');
    expect(res.body, 'no SQL or driver text').not.to.match(/select |insert into|22P05|SQLITE_|pg_|relation "/i);
    return body;
  };

  describe('without WFE_API_TOKEN (loopback only)', () => {
    beforeEach(() => open());

    it('tenantId of the wrong type is a 400 naming tenantId, never a random tenant', async () => {
      for (const tenantId of [42, null, {}, [], true]) {
        const res = await post('/simulate/INVOICE_GENERATED', JSON.stringify({ invoiceId: uuidv4(), totalAmount: 1, tenantId }));
        const body = expectErrorShape(res, 400, 'EVENT_PAYLOAD_INVALID');
        expect(body.issues.map((i: { field: string }) => i.field), JSON.stringify(tenantId)).to.include('tenantId');
      }
      expect(await outboxCount()).to.equal(0);
    });

    it('NUL characters and lone surrogates are a 400 naming the field (not PostgreSQL 22P05)', async () => {
      const nul = await post('/simulate/INVOICE_GENERATED', JSON.stringify({ invoiceId: uuidv4(), totalAmount: 1, notes: 'a\u0000b' }));
      expect(expectErrorShape(nul, 400, 'BAD_REQUEST_BODY').issues).to.deep.equal([
        { field: 'notes', constraint: 'noNulCharacter', message: 'field "notes" contains a NUL character (\\u0000), which PostgreSQL text and jsonb cannot store' },
      ]);
      const surrogate = await post('/simulate/INVOICE_GENERATED', `{"invoiceId":"${uuidv4()}","totalAmount":1,"notes":"a\\ud800b"}`);
      expect(expectErrorShape(surrogate, 400, 'BAD_REQUEST_BODY').issues[0]).to.include({ field: 'notes', constraint: 'wellFormedUnicode' });
      const key = await post('/simulate/INVOICE_GENERATED', `{"invoiceId":"${uuidv4()}","totalAmount":1,"no\\u0000te":1}`);
      expect(expectErrorShape(key, 400, 'BAD_REQUEST_BODY').issues[0]).to.include({ constraint: 'noNulCharacter' });
      expect(await outboxCount()).to.equal(0);
    });

    it('nesting 5,000 deep is a 400 (no stack overflow), a __proto__ or constructor key is named', async () => {
      const deep = await post('/simulate/INVOICE_GENERATED', `{"invoiceId":"${uuidv4()}","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
      expect(expectErrorShape(deep, 400, 'BAD_REQUEST_BODY').issues[0]).to.include({ constraint: 'maxDepth' });
      for (const key of ['__proto__', 'constructor']) {
        const res = await post('/simulate/INVOICE_GENERATED', `{"invoiceId":"${uuidv4()}","totalAmount":1,"meta":{"${key}":{"admin":true}}}`);
        const body = expectErrorShape(res, 400, 'BAD_REQUEST_BODY');
        expect(body.issues).to.deep.equal([{ field: `meta.${key}`, constraint: 'forbiddenKey', message: `key "${key}" is not allowed in a payload` }]);
        expect(body.message).to.contain(`meta.${key}`);
      }
      expect(await outboxCount()).to.equal(0);
    });

    it('a body of null, an array or a scalar is a 400; no body still publishes a sample', async () => {
      for (const payload of ['null', '[]', '"text"', '7']) expectErrorShape(await post('/simulate/INVOICE_GENERATED', payload), 400, 'EVENT_PAYLOAD_INVALID');
      expect(await outboxCount()).to.equal(0);
      expect((await server.inject({ method: 'POST', url: '/simulate/INVOICE_GENERATED' })).statusCode).to.equal(202);
      expect(await outboxCount()).to.equal(1);
    });

    it("every 4xx has the one error shape, fastify's own included", async () => {
      expectErrorShape(await server.inject({ method: 'GET', url: '/nowhere' }), 404, 'NOT_FOUND');
      expectErrorShape(await post('/simulate/INVOICE_GENERATED', '{"broken'), 400, 'BAD_JSON');
      expectErrorShape(await server.inject({ method: 'POST', url: '/simulate/INVOICE_GENERATED', payload: 'x', headers: { 'content-type': 'application/xml' } }), 415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
      expectErrorShape(await post('/simulate/NO_SUCH_EVENT', '{}'), 404, 'UNKNOWN_EVENT_TYPE');
      expectErrorShape(await post('/simulate/INVOICE_GENERATED?tenant=nope', '{}'), 400, 'BAD_TENANT');
      expectErrorShape(await post('/simulate/INVOICE_GENERATED?version=abc', '{}'), 400, 'BAD_VERSION');
      expectErrorShape(await server.inject({ method: 'GET', url: '/catalog/NOPE' }), 404, 'UNKNOWN_EVENT_TYPE');
      expectErrorShape(await server.inject({ method: 'GET', url: '/schemas/payload.Nope.v1' }), 404, 'UNKNOWN_SCHEMA_REF');
    });

    it("fastify's routing refusals (malformed URL encoding, over-long parameter) have the one error shape", async () => {
      const badUrl = expectErrorShape(await server.inject({ method: 'GET', url: '/catalog/%E0%A4%A' }), 400, 'BAD_URL');
      expect(Object.keys(badUrl).sort()).to.deep.equal(['error', 'message']);
      const longParam = expectErrorShape(await post(`/simulate/${'A'.repeat(5000)}`, ''), 414, 'PARAMETER_TOO_LONG');
      expect(longParam.message.length, 'the message does not echo the 5,000-character path').to.be.below(300);
      expect(await outboxCount()).to.equal(0);
    });

    it('connection-level refusals (header too large, unparsable request) have the one error shape', async () => {
      await server.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.server.address() as import('node:net').AddressInfo;
      const raw = (request: string) => new Promise<string>((resolve, reject) => {
        const socket = require('node:net').connect(port, '127.0.0.1', () => socket.write(request));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      const parse = (text: string) => ({ status: Number(text.split(' ')[1]), body: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) });
      const big = parse(await raw(`GET /catalog HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
      expect(big.status).to.equal(431);
      expect(big.body).to.deep.equal({ error: 'HEADERS_TOO_LARGE', message: 'the request headers exceed the server limit' });
      const garbage = parse(await raw('GARBAGE\r\n\r\n'));
      expect(garbage.status).to.equal(400);
      expect(garbage.body.error).to.equal('BAD_HTTP_REQUEST');
    });

    it('/healthz 503 answers with an error id, and the failing SQL goes to the log under it', async () => {
      await app.runtime.db.schema.renameTable('event_outbox', 'event_outbox_away');
      try {
        const res = await server.inject({ method: 'GET', url: '/healthz' });
        const body = expectErrorShape(res, 503, 'DATABASE_UNAVAILABLE');
        expect(body.status).to.equal('unavailable');
        expect(body.errorId).to.match(/^[0-9a-f-]{36}$/);
        expect(logged.map((l) => l.errorId)).to.include(body.errorId);
        expect(String((logged.find((l) => l.errorId === body.errorId)!.err as Error).message)).to.match(/event_outbox/);
      } finally {
        await app.runtime.db.schema.renameTable('event_outbox_away', 'event_outbox');
      }
    });
  });

  describe('with WFE_API_TOKEN', () => {
    const token = 'wfe-test-token-' + uuidv4();
    beforeEach(() => open(token));

    it('writing routes need the bearer token (401 otherwise); read routes stay open', async () => {
      expectErrorShape(await post('/simulate/INVOICE_GENERATED', '{}'), 401, 'UNAUTHORIZED');
      const wrong = await post('/simulate/INVOICE_GENERATED', '{}', { authorization: 'Bearer nope' });
      expectErrorShape(wrong, 401, 'UNAUTHORIZED');
      expect(wrong.headers['www-authenticate']).to.equal('Bearer realm="wfe"');
      expect(await outboxCount()).to.equal(0);
      const ok = await server.inject({ method: 'POST', url: '/simulate/INVOICE_GENERATED', headers: { authorization: `Bearer ${token}` } });
      expect(ok.statusCode).to.equal(202);
      expect(await outboxCount()).to.equal(1);
      expect((await server.inject({ method: 'GET', url: '/catalog' })).statusCode).to.equal(200);
      expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).to.equal(200);
    });
  });
});

describe('loopback hosts', () => {
  it('tells loopback from network addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect(isLoopbackHost(h), h).to.equal(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '']) expect(isLoopbackHost(h), h).to.equal(false);
  });
});
