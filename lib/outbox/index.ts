export * from './outbox-store';
export * from './relay';
export { outboxMigration, partitionMigration, relayMigration } from './outbox.migration';
export { orderingKeyOf, partitionOf } from './ordering';
export * from './commit-notifications';
