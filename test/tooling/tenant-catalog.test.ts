import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { TenantCatalogStore, TenantEventError } from '../../lib/catalog/tenant-catalog';
import { createTestKit, TestKit } from '../../lib/testing';
import { forEachDatabase } from '../support/databases';

forEachDatabase('tooling: tenant catalog', (target) => {
  let kit: TestKit;
  let store: TenantCatalogStore;
  const tenantA = uuidv4();
  const tenantB = uuidv4();
  const event = {
    eventType: 'ASSET_WARRANTY_EXPIRING',
    name: 'Asset Warranty Expiring',
    description: 'Raised by the tenant’s warranty feed 30 days before expiry.',
    category: 'Assets',
    payloadSchema: { type: 'object', required: ['assetId'], properties: { assetId: { type: 'string', format: 'uuid' } } },
  };

  beforeEach(async () => {
    kit = await createTestKit({ databaseUrl: target.url, start: false });
    store = new TenantCatalogStore(kit.db, (type) => type === 'INVOICE_FINALIZED');
  });
  afterEach(() => kit.close());

  it('defines events per tenant: one row per (tenant, type), redefining updates it', async () => {
    expect(await store.define(tenantA, event)).to.equal('inserted');
    expect(await store.define(tenantB, event)).to.equal('inserted');
    expect(await store.define(tenantA, { ...event, description: 'Reworded.' })).to.equal('updated');
    const a = await store.list(tenantA);
    expect(a).to.have.length(1);
    expect(a[0]).to.deep.include({
      tenant: tenantA,
      event_type: 'ASSET_WARRANTY_EXPIRING',
      description: 'Reworded.',
      is_system_event: false,
      payload_schema_ref: 'tenant.AssetWarrantyExpiring.v1',
      payload_schema: event.payloadSchema,
    });
    expect((await store.list(tenantB))[0].description).to.equal(event.description);
  });

  it('the database enforces one row per tenant and type', async () => {
    await store.define(tenantA, event);
    const row = await kit.db('event_catalog').where({ tenant: tenantA }).first();
    const err = await kit.db('event_catalog').insert({ ...row, event_id: uuidv4() }).catch((e) => e);
    expect(err).to.be.instanceOf(Error);
  });

  it('refuses system types, bad names, bad schemas and non-UUID tenants', async () => {
    for (const [tenant, input] of [
      [tenantA, { ...event, eventType: 'INVOICE_FINALIZED' }],
      [tenantA, { ...event, eventType: 'assetWarranty' }],
      [tenantA, { ...event, payloadSchema: { type: 'no-such-type' } }],
      ['acme', event],
    ] as const) {
      expect(await store.define(tenant, input).catch((e) => e)).to.be.instanceOf(TenantEventError);
    }
    expect(await store.list(tenantA)).to.deep.equal([]);
  });
});
