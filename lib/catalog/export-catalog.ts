import { CatalogEntry } from './catalog-entry';
import { toCatalogRow } from './catalog-row';

/** The catalog as `system_event_catalog` rows, plus every registered version of each type. */
export function exportCatalogRows(entries: CatalogEntry[]): Array<Record<string, unknown>> {
  return entries.map((e) => ({ ...toCatalogRow(e), versions: e.versions }));
}
