export * from './outbox-store';
export * from './relay';
export * from './partitioned-relay';
export { outboxMigration, partitionMigration, relayMigration } from './outbox.migration';
export { orderingKeyOf, partitionOf } from './ordering';
export * from './commit-notifications';
