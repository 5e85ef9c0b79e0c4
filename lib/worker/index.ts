export * from './event-worker';
export * from './handler-runner';
export * from './ingest-outcome';
export { workerMigration } from './worker.migration';
export * from './infrastructure-error';
export * from './outage-tracker';
