import { CatalogEntry } from './catalog-entry';

/** The catalog as `system_event_catalog` rows (column names), without the database-assigned id and times. */
export function exportCatalogRows(entries: CatalogEntry[]): Array<Record<string, unknown>> {
  return entries.map((e) => ({
    event_type: e.eventType,
    name: e.name,
    description: e.description,
    category: e.category,
    module: e.module ?? null,
    status: e.status,
    payload_schema_ref: e.payloadSchemaRef,
    payload_schema: e.payloadSchema,
    emitters: e.emitters,
    superseded_by: e.supersededBy ?? null,
    rationale: e.rationale ?? null,
    versions: e.versions,
  }));
}
