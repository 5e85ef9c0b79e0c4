import { expect } from 'chai';
import { ticketsModule } from '../../../domains/tickets';
import { CatalogEntry } from '../../../lib/catalog/catalog-entry';
import { readSystemCatalog, syncSystemCatalog } from '../../../lib/catalog/catalog-store';
import { catalogFor } from '../../../lib/runtime/event-runtime';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { baseFields, matchesSpecFields, spec, SpecEvent } from '../../support/spec';

type Schema = Record<string, any>;

const specEvents: SpecEvent[] = spec ? spec.events.filter((e) => e.module === 'tickets') : [];

/** The catalog the tickets module contributes, checked for consistency on its own. */
function ticketsCatalog(): CatalogEntry[] {
  return catalogFor([ticketsModule]);
}

forEachDatabase('tickets: catalog', (target) => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [ticketsModule], databaseUrl: target.url, start: false });
  });
  afterEach(() => kit.close());

  it('catalogs every tickets event of the spec with its fields, status and emitters', function () {
    if (!spec) return this.skip();
    const catalog = new Map(ticketsCatalog().map((e) => [e.eventType, e]));
    expect([...catalog.keys()].sort()).to.deep.equal(specEvents.map((e) => e.eventType).sort());
    const base = baseFields();
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
      matchesSpecFields(entry.payloadSchema, event.fields, entry.payloadSchema, base);
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
