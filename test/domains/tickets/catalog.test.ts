import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { allDomainEvents, allEmitters } from '../../../decorators';
import { ticketsModule } from '../../../domains/tickets';
import { assembleCatalog } from '../../../lib/catalog/assemble';
import { CatalogEntry } from '../../../lib/catalog/catalog-entry';
import { readSystemCatalog, syncSystemCatalog } from '../../../lib/catalog/catalog-store';
import { SchemaRegistry } from '../../../lib/schema/registry';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

interface SpecEvent {
  eventType: string;
  module: string;
  name: string;
  category: string;
  status: string;
  payloadSchemaRef: string;
  rationale?: string;
  supersededBy?: string[];
  fields: Record<string, SpecType>;
}
type SpecType = string | Record<string, any>;
type Schema = Record<string, any>;

function repoRoot(from = __dirname): string {
  return fs.existsSync(path.join(from, 'package.json')) ? from : repoRoot(path.dirname(from));
}

const SPEC_FILE = path.resolve(repoRoot(), '../shared/spec/events.json');
const spec = fs.existsSync(SPEC_FILE) ? JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8')) : undefined;
const specEvents: SpecEvent[] = spec ? spec.events.filter((e: SpecEvent) => e.module === 'tickets') : [];

/** Whether a property schema implements a spec type (see the spec's conventions.types). */
function implementsType(prop: Schema, type: SpecType, root: Schema): boolean {
  if (typeof type !== 'string') return prop.$ref !== undefined && matchesFields(root.definitions[prop.$ref.split('/').pop()], type, root);
  const enumMatch = /^enum\((.*)\)$/.exec(type);
  if (enumMatch) return JSON.stringify(prop.enum) === JSON.stringify(enumMatch[1].split('|'));
  switch (type) {
    case 'uuid':
      return prop.format === 'uuid';
    case 'datetime':
      return prop.format === 'date-time';
    case 'string':
      return prop.type === 'string' && !prop.format && !prop.enum;
    case 'boolean':
      return prop.type === 'boolean';
    case 'count':
      return prop.type === 'integer' && prop.minimum === 0;
    case 'uuid[]':
      return prop.type === 'array' && prop.items?.format === 'uuid';
    case 'updatedFields':
      return prop.type === 'array' && prop.items?.type === 'string';
    case 'changes':
      return prop.type === 'object' && prop.additionalProperties?.required?.includes('previous');
    case 'json':
      return prop.type === undefined && prop.$ref === undefined;
    default:
      throw new Error(`spec type ${type} is not used by tickets events`);
  }
}

/** Same keys, same optionality, same types; `key?` in the spec means optional. */
function matchesFields(schema: Schema, fields: Record<string, SpecType>, root: Schema, base: Record<string, SpecType> = {}): boolean {
  const expected = { ...base, ...Object.fromEntries(Object.entries(fields).map(([k, t]) => [k.replace(/\?$/, ''), t])) };
  const required = [...Object.keys(base).filter((k) => !k.startsWith('actor')), ...Object.keys(fields).filter((k) => !k.endsWith('?'))].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  expect(Object.keys(schema.properties).sort(), `${schema.$id ?? 'nested'} properties`).to.deep.equal(Object.keys(expected).sort());
  expect([...(schema.required ?? [])].sort(), `${schema.$id ?? 'nested'} required`).to.deep.equal(required.sort());
  for (const [key, type] of Object.entries(expected)) {
    expect(implementsType(schema.properties[key], type, root), `${schema.$id ?? 'nested'}.${key} is ${JSON.stringify(type)}`).to.equal(true);
  }
  return true;
}

/** The catalog the tickets module contributes, checked for consistency on its own. */
function ticketsCatalog(): CatalogEntry[] {
  const definitions = allDomainEvents().filter((d) => d.module === 'tickets');
  const types = new Set(definitions.map((d) => d.type));
  return assembleCatalog(new SchemaRegistry(definitions), allEmitters().filter((e) => types.has(e.eventType)));
}

forEachDatabase('tickets: catalog', (target) => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [ticketsModule], databaseUrl: target.url, start: false });
  });
  afterEach(() => kit.close());

  it('catalogs every tickets event of the spec with its fields, status and emitters', function () {
    if (!spec) this.skip();
    const catalog = new Map(ticketsCatalog().map((e) => [e.eventType, e]));
    expect([...catalog.keys()].sort()).to.deep.equal(specEvents.map((e) => e.eventType).sort());
    const base = { ...spec.conventions.alwaysRequired, ...spec.conventions.optionalActor };
    for (const event of specEvents) {
      const entry = catalog.get(event.eventType)!;
      expect(entry, event.eventType).to.include({
        name: event.name,
        category: event.category,
        module: 'tickets',
        status: event.status,
        payloadSchemaRef: event.payloadSchemaRef,
        rationale: event.rationale,
      });
      expect(entry.supersededBy, event.eventType).to.deep.equal(event.supersededBy);
      expect(entry.description.length, `${event.eventType} description`).to.be.greaterThan(40);
      expect(entry.emitters.length > 0, `${event.eventType} emitters: ${entry.emitters}`).to.equal(event.status !== 'catalog-only');
      matchesFields(entry.payloadSchema, event.fields, entry.payloadSchema, base);
    }
  });

  it('syncs the tickets catalog into system_event_catalog, idempotently', async () => {
    const catalog = ticketsCatalog();
    const first = await syncSystemCatalog(kit.db, catalog);
    expect(first.inserted).to.have.length(catalog.length);
    const again = await syncSystemCatalog(kit.db, catalog);
    expect(again).to.deep.include({ inserted: [], updated: [], unchanged: catalog.length });
    const rows = await readSystemCatalog(kit.db);
    const merged = rows.find((r) => r.event_type === 'TICKET_MERGED')!;
    expect(merged).to.include({ module: 'tickets', status: 'emitted', payload_schema_ref: 'payload.TicketMerged.v1' });
    expect(merged.emitters).to.deep.equal(['MergeSplitService.merge']);
    expect((merged.payload_schema as Schema).required).to.include.members(['sourceTicketId', 'targetTicketId', 'actorUserId', 'mergedAt']);
    expect(rows.find((r) => r.event_type === 'TICKET_COMMENT_ADDED')!.superseded_by).to.deep.equal(['TICKET_MESSAGE_ADDED']);
  });
});
