export * from './outbox-store';
export * from './relay';
export { outboxMigration } from './outbox.migration';
export * from './commit-notifications';
