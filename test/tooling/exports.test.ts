import { Parser } from '@asyncapi/parser';
import { expect } from 'chai';
import { allModules } from '../../domains';
import { ordersModule } from '../fixtures/orders';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { assembleCatalog } from '../../lib/catalog/assemble';
import { exportCatalogRows } from '../../lib/catalog/export-catalog';
import { toAsyncApi } from '../../lib/catalog/export-asyncapi';
import { exportJsonSchemas } from '../../lib/catalog/export-json-schema';
import { SchemaRegistry } from '../../lib/schema/registry';
import { everyFieldDefinition } from './support/every-field';

describe('tooling: catalog exports', () => {
  const registry = registryFor([...allModules, ordersModule]);

  it('json-schema: one draft-07 schema per registered ref, every version, $id = ref', () => {
    const schemas = exportJsonSchemas(registry);
    expect(schemas.map((s) => s.$id)).to.deep.equal(registry.all().map((d) => d.schemaRef).sort());
    expect(schemas.map((s) => s.$id)).to.include.members(['payload.InvoiceFinalized.v1', 'payload.TestOrderShipped.v1', 'payload.TestOrderShipped.v2']);
    for (const s of schemas) expect(s.$schema).to.equal('http://json-schema.org/draft-07/schema#');
  });

  it('catalog: the catalog rows, one per event type, with the current (latest) schema and every version', () => {
    const rows = exportCatalogRows(catalogFor([...allModules, ordersModule]));
    const finalized = rows.find((r) => r.event_type === 'INVOICE_FINALIZED')!;
    expect(finalized).to.include({ payload_schema_ref: 'payload.InvoiceFinalized.v1', category: 'Billing', status: 'emitted' });
    expect(finalized.versions).to.deep.equal(['payload.InvoiceFinalized.v1']);
    expect(finalized.emitters).to.deep.equal(['InvoiceService.finalize']);
    const shipped = rows.find((r) => r.event_type === 'TEST_ORDER_SHIPPED')!;
    expect(shipped.payload_schema_ref).to.equal('payload.TestOrderShipped.v2');
    expect(shipped.versions).to.deep.equal(['payload.TestOrderShipped.v1', 'payload.TestOrderShipped.v2']);
  });

  describe('asyncapi', () => {
    // Every field decorator too, so nested DTOs hoisted into components are covered.
    const withFixture = new SchemaRegistry([...registry.all(), everyFieldDefinition]);
    const doc = toAsyncApi(withFixture, { version: '1.2.3', stream: 'workflow:events:global' }) as any;

    it('is a valid AsyncAPI 3.0 document according to @asyncapi/parser (no errors)', async () => {
      const { document, diagnostics } = await new Parser().parse(doc);
      const errors = diagnostics.filter((d) => d.severity === 0);
      expect(errors.map((d) => `${d.code} ${d.message} at ${d.path.join('.')}`)).to.deep.equal([]);
      expect(document).to.not.equal(undefined);
      expect(document!.version()).to.equal('3.0.0');
      expect(document!.allMessages().length).to.equal(withFixture.all().length);
    });

    it('one channel (the global stream), one message per ref with its payload schema and category tag', () => {
      expect(Object.keys(doc.channels)).to.have.length(1);
      const channel = Object.values<any>(doc.channels)[0];
      expect(channel.address).to.equal('workflow:events:global');
      expect(Object.keys(channel.messages)).to.have.length(withFixture.all().length);
      const v2 = doc.components.messages['TestOrderShipped.v2'];
      expect(v2).to.deep.include({ name: 'TEST_ORDER_SHIPPED', 'x-schema-ref': 'payload.TestOrderShipped.v2', tags: [{ name: 'Testing' }] });
      expect(v2.payload.required).to.include.members(['trackingNumber', 'shippedAt', 'orderId', 'tenantId', 'occurredAt']);
      expect(doc.operations.publishEvent.messages).to.have.length(withFixture.all().length);
    });

    it('nested DTO refs point into components.schemas', () => {
      const probe = doc.components.messages['EveryFieldProbe.v1'].payload;
      expect(probe.properties.from.$ref).to.equal('#/components/schemas/EveryFieldAddress');
      expect(doc.components.schemas.EveryFieldAddress.required).to.deep.equal(['email']);
      expect(JSON.stringify(doc)).to.not.include('#/definitions/');
    });
  });
});
