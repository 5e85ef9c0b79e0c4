export * from './catalog-entry';
export * from './consistency';
export * from './assemble';
export * from './catalog-store';
export { catalogMigration } from './catalog.migration';
