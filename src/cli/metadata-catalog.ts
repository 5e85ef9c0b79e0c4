import 'reflect-metadata';
import { CatalogEntry } from '../../lib/catalog/catalog-entry';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { SchemaRegistry } from '../../lib/schema/registry';
import { loadAppModules } from '../app-modules';

/** The application's catalog straight from its modules' metadata: no database needed. */
export function catalogFromMetadata(): CatalogEntry[] {
  return catalogFor(loadAppModules());
}

/** The schema registry of the application's modules. */
export function registryFromMetadata(): SchemaRegistry {
  return registryFor(loadAppModules());
}
