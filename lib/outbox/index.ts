export * from './outbox-store';
export * from './relay';
export { outboxMigration, relayMigration } from './outbox.migration';
export * from './commit-notifications';
