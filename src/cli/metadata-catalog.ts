import 'reflect-metadata';
import '../../domains';
import { assembleCatalog } from '../../lib/catalog/assemble';
import { CatalogEntry } from '../../lib/catalog/catalog-entry';
import { SchemaRegistry } from '../../lib/schema/registry';

/** The catalog straight from the loaded domains' metadata: no database needed. */
export function catalogFromMetadata(registry: SchemaRegistry = new SchemaRegistry()): CatalogEntry[] {
  return assembleCatalog(registry);
}
