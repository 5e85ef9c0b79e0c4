export * from './outbox-store';
export * from './relay';
export { outboxMigration, relayLeaseMigration } from './outbox.migration';
export * from './commit-notifications';
