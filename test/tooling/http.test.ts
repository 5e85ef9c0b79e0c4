import { expect } from 'chai';
import { FastifyInstance } from 'fastify';
import { once } from 'node:events';
import { v4 as uuidv4 } from 'uuid';
import { TenantCatalogStore } from '../../lib/catalog/tenant-catalog';
import { IngestionWatch } from '../../lib/simulation';
import { App, syncCatalog } from '../../src/app';
import { createServer } from '../../src/http/server';
import { forEachDatabase } from '../support/databases';
import { createTestApp } from './support/app';

forEachDatabase('tooling: HTTP catalog API', (target) => {
  let app: App;
  let dispose: () => Promise<void>;
  let server: FastifyInstance;

  beforeEach(async () => {
    ({ app, dispose } = await createTestApp(target));
    await syncCatalog(app);
    app.runtime.start();
    server = createServer(app);
  });
  afterEach(async () => {
    await server.close();
    await dispose();
  });

  it('GET /schemas/:ref serves each registered schema; unknown refs are 404', async () => {
    const res = await server.inject({ method: 'GET', url: '/schemas/payload.InvoiceFinalized.v1' });
    expect(res.statusCode).to.equal(200);
    expect(res.json()).to.deep.equal(app.runtime.registry.jsonSchema('payload.InvoiceFinalized.v1'));
    expect((await server.inject({ method: 'GET', url: '/schemas/payload.Nope.v1' })).statusCode).to.equal(404);
  });

  it('GET /asyncapi.json serves the AsyncAPI document', async () => {
    const doc = (await server.inject({ method: 'GET', url: '/asyncapi.json' })).json();
    expect(doc.asyncapi).to.equal('3.0.0');
    expect(Object.keys(doc.components.messages)).to.have.length(app.runtime.registry.all().length);
  });

  it('POST /simulate/:eventType publishes a sample (no body) or the given payload, to the worker', async () => {
    const tenant = uuidv4();
    const watch = new IngestionWatch(app.runtime);
    const sample = await server.inject({ method: 'POST', url: `/simulate/invoice_finalized?tenant=${tenant}` });
    expect(sample.statusCode).to.equal(202);
    expect(sample.json()).to.deep.include({ generated: true });
    expect(sample.json().event).to.include({ eventType: 'INVOICE_FINALIZED', tenantId: tenant, schemaRef: 'payload.InvoiceFinalized.v1' });
    const given = await server.inject({
      method: 'POST',
      url: `/simulate/INVOICE_GENERATED?tenant=${tenant}`,
      payload: { invoiceId: uuidv4(), totalAmount: 4200 },
    });
    expect(given.statusCode).to.equal(202);
    expect(given.json().event.payload).to.include({ totalAmount: 4200, tenantId: tenant });
    const outcome = await watch.wait([sample.json().event.id, given.json().event.id], 5000);
    watch.close();
    expect(outcome.ingested).to.have.length(2);
  });

  it('POST /simulate/:eventType answers 400 with the field errors of a bad payload, and publishes nothing', async () => {
    const res = await server.inject({ method: 'POST', url: '/simulate/INVOICE_FINALIZED', payload: { invoiceId: 'x', surprise: 1 } });
    expect(res.statusCode).to.equal(400);
    const body = res.json();
    expect(body).to.include({ error: 'EVENT_PAYLOAD_INVALID', schemaRef: 'payload.InvoiceFinalized.v1' });
    expect(body.issues.map((i: { field: string }) => i.field)).to.include.members(['invoiceId', 'surprise']);
    expect(Number((await app.runtime.db('event_outbox').count({ n: '*' }).first())!.n)).to.equal(0);
    expect((await server.inject({ method: 'POST', url: '/simulate/NOPE' })).statusCode).to.equal(404);
    expect((await server.inject({ method: 'POST', url: '/simulate/INVOICE_FINALIZED?tenant=acme' })).statusCode).to.equal(400);
  });

  it('GET /catalog?tenant= lists the tenant’s own events beside the system ones', async () => {
    const tenant = uuidv4();
    await new TenantCatalogStore(app.runtime.db).define(tenant, { eventType: 'CONTRACT_RENEWAL_DUE', name: 'Contract Renewal Due', description: 'd', category: 'Contracts' });
    const system = (await server.inject({ method: 'GET', url: '/catalog' })).json().events;
    const both = (await server.inject({ method: 'GET', url: `/catalog?tenant=${tenant}` })).json().events;
    expect(both).to.have.length(system.length + 1);
    expect(both[both.length - 1]).to.include({ event_type: 'CONTRACT_RENEWAL_DUE', tenant, is_system_event: false });
    expect(both[0]).to.include({ is_system_event: true });
    expect((await server.inject({ method: 'GET', url: `/catalog?tenant=${uuidv4()}` })).json().events).to.have.length(system.length);
    expect((await server.inject({ method: 'GET', url: '/catalog?tenant=acme' })).statusCode).to.equal(400);
  });

  it('GET /metrics exposes staged, published, ingested, dead-lettered, relay lag and pending counts', async () => {
    const watch = new IngestionWatch(app.runtime);
    const res = await server.inject({ method: 'POST', url: '/simulate/INVOICE_GENERATED' });
    await watch.wait([res.json().event.id], 5000);
    watch.close();
    // A poison entry straight onto the bus: the worker dead-letters it.
    const deadLettered = once(app.runtime.worker, 'dead-lettered');
    await app.bus.publish([{ ...res.json().event, id: uuidv4(), schemaRef: 'payload.Unknown.v9' }]);
    await deadLettered;
    const metrics = await server.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).to.equal(200);
    expect(metrics.headers['content-type']).to.match(/^text\/plain/);
    const text = metrics.body;
    expect(text).to.match(/wfe_events_staged_total\{event_type="INVOICE_GENERATED",service="wfe"\} 1/);
    expect(text).to.match(/wfe_events_published_total\{event_type="INVOICE_GENERATED",service="wfe"\} 1/);
    expect(text).to.match(/wfe_events_ingested_total\{event_type="INVOICE_GENERATED",service="wfe"\} 1/);
    expect(text).to.match(/wfe_events_dead_lettered_total\{event_type="INVOICE_GENERATED",code="UNKNOWN_SCHEMA_REF",service="wfe"\} 1/);
    expect(text).to.match(/wfe_relay_lag_seconds\{service="wfe"\} 0/);
    expect(text).to.include('# TYPE wfe_outbox_pending gauge');
    expect(text).to.include('# TYPE wfe_worker_pending gauge');
  });
});
