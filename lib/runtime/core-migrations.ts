import { catalogMigration } from '../catalog/catalog.migration';
import { outboxMigration, partitionMigration, relayMigration } from '../outbox/outbox.migration';
import { Migration } from '../uow/migrator';
import { sequencesMigration } from '../uow/sequences';
import { workerMigration } from '../worker/worker.migration';

export const coreMigrations: Migration[] = [catalogMigration, outboxMigration, relayMigration, partitionMigration, workerMigration, sequencesMigration];
