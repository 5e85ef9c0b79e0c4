import { CatalogEntry } from './catalog-entry';

/** A catalog entry in `system_event_catalog` column names (no database-assigned id or times). */
export function toCatalogRow(e: CatalogEntry) {
  return {
    event_type: e.eventType,
    name: e.name,
    description: e.description,
    category: e.category,
    module: e.module ?? null,
    status: e.status,
    payload_schema_ref: e.payloadSchemaRef,
    payload_schema: e.payloadSchema as unknown,
    emitters: e.emitters as unknown,
    superseded_by: (e.supersededBy ?? null) as unknown,
    rationale: e.rationale ?? null,
  };
}

export const JSON_COLUMNS = ['payload_schema', 'emitters', 'superseded_by'] as const;
