import { expect } from 'chai';
import { allDomainEvents } from '../../decorators';
import '../../domains';
import { baseFields, matchesSpecFields, spec } from '../support/spec';
import { SchemaRegistry } from '../../lib/schema/registry';

describe('spec conformance of every domain event', () => {
  it('each registered v1 payload of a spec event has the spec name, category, module, status and fields', function () {
    if (!spec) return this.skip();
    const registry = new SchemaRegistry();
    const bySpec = new Map(spec.events.map((e) => [e.eventType, e]));
    const checked = allDomainEvents().filter((d) => d.version === 1 && bySpec.has(d.type));
    expect(checked.length).to.be.greaterThan(20);
    for (const def of checked) {
      const event = bySpec.get(def.type)!;
      expect(def, def.type).to.include({ name: event.name, category: event.category, module: event.module, status: event.status, schemaRef: event.payloadSchemaRef });
      const schema = registry.jsonSchema(def.schemaRef)!;
      matchesSpecFields(schema, event.fields, schema, baseFields());
    }
  });

  it('no domain event type is missing from the spec (test fixtures aside)', function () {
    if (!spec) return this.skip();
    const known = new Set(spec.events.map((e) => e.eventType));
    const unknown = allDomainEvents().filter((d) => d.module !== 'testing' && !known.has(d.type)).map((d) => d.type);
    expect(unknown).to.deep.equal([]);
  });
});
