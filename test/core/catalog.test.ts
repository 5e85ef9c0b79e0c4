import { expect } from 'chai';
import { DomainEventDefinition, EmitterDefinition, schemaRefFor, StringField, UuidField } from '../../decorators';
import { assembleCatalog } from '../../lib/catalog/assemble';
import { syncSystemCatalog } from '../../lib/catalog/catalog-store';
import { CatalogConsistencyError, findCatalogProblems } from '../../lib/catalog/consistency';
import { SchemaRegistry } from '../../lib/schema/registry';
import { createTestKit, TestKit } from '../../lib/testing';
import { catalogFor } from '../../lib/runtime/event-runtime';
import { allModules } from '../../domains';
import { ordersModule, TestOrderPlacedPayload, TestOrderTaggedPayload } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/** Definitions built by hand, so deliberately broken fixtures never reach a module. */
function def(type: string, payloadClass: Function, extra: Partial<DomainEventDefinition> = {}): DomainEventDefinition {
  return {
    type,
    category: 'Testing',
    name: type,
    description: `${type} fixture`,
    version: 1,
    status: 'emitted',
    schemaRef: schemaRefFor(type, extra.version ?? 1),
    payloadClass,
    ...extra,
  };
}

function emitter(eventType: string, method = 'act'): EmitterDefinition {
  class FixtureService {}
  return { eventType, mapper: () => undefined, serviceClass: FixtureService, method };
}

class NoBaseFields {
  @UuidField() thingId!: string;
}

class SnakeKeys extends TestOrderTaggedPayload {
  @StringField() order_ref!: string;
}

describe('catalog consistency', () => {
  it('accepts a consistent catalog and lists emitters as Service.method', () => {
    const registry = new SchemaRegistry([def('A_DONE', TestOrderPlacedPayload)]);
    const entries = assembleCatalog(registry, [emitter('A_DONE', 'finish')]);
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ eventType: 'A_DONE', payloadSchemaRef: 'payload.ADone.v1', status: 'emitted' });
    expect(entries[0].emitters).to.deep.equal(['FixtureService.finish']);
    expect(entries[0].payloadSchema.$id).to.equal('payload.ADone.v1');
  });

  const cases: Array<[string, () => SchemaRegistry, EmitterDefinition[]]> = [
    ['EMITTER_WITHOUT_DTO', () => new SchemaRegistry([]), [emitter('GHOST_EVENT')]],
    ['CATALOG_ONLY_HAS_EMITTER', () => new SchemaRegistry([def('B_ONLY', TestOrderPlacedPayload, { status: 'catalog-only', rationale: 'no subsystem' })]), [emitter('B_ONLY')]],
    ['NO_EMITTER', () => new SchemaRegistry([def('C_EMITTED', TestOrderPlacedPayload)]), []],
    ['NO_EMITTER', () => new SchemaRegistry([def('C_LEGACY', TestOrderPlacedPayload, { status: 'legacy', supersededBy: ['C_EMITTED'] })]), []],
    ['DUPLICATE_REF', () => new SchemaRegistry([def('D_DUP', TestOrderPlacedPayload), def('D_DUP', TestOrderTaggedPayload)]), [emitter('D_DUP')]],
    ['KEY_NOT_CAMEL_CASE', () => new SchemaRegistry([def('E_SNAKE', SnakeKeys)]), [emitter('E_SNAKE')]],
    ['MISSING_BASE_FIELDS', () => new SchemaRegistry([def('F_BARE', NoBaseFields)]), [emitter('F_BARE')]],
    ['MISSING_RATIONALE', () => new SchemaRegistry([def('G_ONLY', TestOrderPlacedPayload, { status: 'catalog-only' })]), []],
  ];
  for (const [code, registry, emitters] of cases) {
    it(`detects ${code}`, () => {
      const problems = findCatalogProblems(registry(), emitters);
      expect(problems.map((p) => p.code)).to.deep.equal([code]);
    });
  }

  it('reports every problem together in one start-up error', () => {
    const registry = new SchemaRegistry([def('C_EMITTED', TestOrderPlacedPayload), def('F_BARE', NoBaseFields), def('E_SNAKE', SnakeKeys)]);
    const err = (() => {
      try {
        assembleCatalog(registry, [emitter('GHOST_EVENT'), emitter('F_BARE'), emitter('E_SNAKE')]);
      } catch (e) {
        return e as CatalogConsistencyError;
      }
    })();
    expect(err).to.be.instanceOf(CatalogConsistencyError);
    expect(err!.problems.map((p) => p.code).sort()).to.deep.equal(['EMITTER_WITHOUT_DTO', 'KEY_NOT_CAMEL_CASE', 'MISSING_BASE_FIELDS', 'NO_EMITTER']);
    expect(err!.message).to.contain('GHOST_EVENT').and.contain('order_ref').and.contain('NoBaseFields').and.contain('C_EMITTED');
  });

  it('the catalog of every MSP module is consistent', () => {
    expect(() => catalogFor(allModules)).not.to.throw();
  });
});

forEachDatabase('catalog sync', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url, start: false });
  });
  afterEach(() => kit.close());

  it('upserts by event type and a second run reports no changes', async () => {
    const entries = kit.runtime.catalog();
    const first = await syncSystemCatalog(kit.db, entries);
    expect(first.inserted).to.have.length(entries.length);
    const second = await syncSystemCatalog(kit.db, entries);
    expect(second).to.deep.equal({ inserted: [], updated: [], unchanged: entries.length });

    const changed = entries.map((e) => (e.eventType === 'TEST_ORDER_PLACED' ? { ...e, description: 'Reworded.' } : e));
    const third = await syncSystemCatalog(kit.db, changed);
    expect(third.updated).to.deep.equal(['TEST_ORDER_PLACED']);
    const row = await kit.db('system_event_catalog').where({ event_type: 'TEST_ORDER_PLACED' }).first();
    expect(row.description).to.equal('Reworded.');
    expect(row.payload_schema_ref).to.equal('payload.TestOrderPlaced.v1');
    expect(await kit.db('system_event_catalog').count({ n: '*' })).to.deep.equal([{ n: target.name === 'postgres' ? String(entries.length) : entries.length }]);
  });
});
