import { expect } from 'chai';
import { allModules } from '../../domains';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { baseFields, matchesSpecFields, spec } from '../support/spec';
import { UNFINISHED_MODULES } from '../support/unfinished-modules';

describe('spec conformance of every MSP module', () => {
  const registry = registryFor(allModules);
  const catalog = catalogFor(allModules);

  it('each registered v1 payload of a spec event has the spec name, category, module, status and fields', function () {
    if (!spec) return this.skip();
    const bySpec = new Map(spec.events.map((e) => [e.eventType, e]));
    const checked = registry.all().filter((d) => d.version === 1 && bySpec.has(d.type));
    expect(checked.length).to.be.greaterThan(20);
    for (const def of checked) {
      const event = bySpec.get(def.type)!;
      expect(def, def.type).to.include({ name: event.name, category: event.category, module: event.module, status: event.status, schemaRef: event.payloadSchemaRef });
      const schema = registry.jsonSchema(def.schemaRef)!;
      matchesSpecFields(schema, event.fields, schema, baseFields());
    }
  });

  it('the catalog row of every spec event carries the spec ref as its current version', function () {
    if (!spec) return this.skip();
    const bySpec = new Map(spec.events.map((e) => [e.eventType, e]));
    for (const entry of catalog.filter((e) => bySpec.has(e.eventType))) {
      expect(entry.payloadSchemaRef, entry.eventType).to.equal(bySpec.get(entry.eventType)!.payloadSchemaRef);
    }
  });

  it('a module that exists catalogues every event the spec gives it, and no event the spec lacks', function () {
    if (!spec) return this.skip();
    for (const m of allModules) {
      const expected = spec.events.filter((e) => e.module === m.name).map((e) => e.eventType).sort();
      const actual = [...new Set(m.events().map((d) => d.type))].sort();
      expect(actual.filter((t) => !expected.includes(t)), `module ${m.name}: events the spec lacks`).to.deep.equal([]);
      const missing = expected.filter((t) => !actual.includes(t));
      expect(missing.length, `module ${m.name} misses ${missing.join(', ')}`).to.equal(UNFINISHED_MODULES[m.name] ?? 0);
    }
  });
});
