import 'reflect-metadata';
import { integrationsDemo } from './demo';
import { integrations } from './module';
import { integrationsRoutes } from './routes';
import { ConnectionService } from './connections/connection-service';
import { ConnectionStore } from './connections/connection-store';
import { connectionsMigration } from './connections/connections.migration';
import { IntegrationService } from './connections/integration-service';
import { ExternalMappingService } from './mappings/mapping-service';
import { mappingsMigration } from './mappings/mappings.migration';
import { OAuthClient } from './oauth/oauth-client';
import { ProviderAdapters } from './providers/provider-registry';
import { IntegrationSettings } from './settings';
import { StaleSyncSweeper } from './sync/stale-sync-sweeper';
import { syncMigration } from './sync/sync.migration';
import { SyncRecords } from './sync/sync-records';
import { SyncRunService } from './sync/sync-run-service';
import { SyncRunner } from './sync/sync-runner';
import { ConnectionTokens } from './tokens/connection-tokens';
import { TokenExpiryNotifier } from './tokens/token-expiry-notifier';
import { TokenHealthSweeper } from './tokens/token-health-sweeper';
import { TokenRefresher } from './tokens/token-refresher';
import { WebhookInbox } from './webhooks/webhook-inbox';
import { WebhookReceiver } from './webhooks/webhook-receiver';
import { webhooksMigration } from './webhooks/webhooks.migration';

/** The integrations module's public surface: other modules and applications import only this file. */
export * from './connections/connection.events';
export * from './tokens/token.events';
export * from './sync/sync.events';
export * from './webhooks/webhook.events';
export * from './mappings/mapping.events';
export * from './connections/connection';
export * from './connections/connection-errors';
export * from './sync/sync';
export * from './sync/sync-errors';
export * from './webhooks/webhook';
export * from './webhooks/webhook-errors';
export * from './mappings/mapping';
export * from './mappings/mapping-errors';
export * from './providers/provider-adapter';
export * from './providers/provider-failure';
export { ProviderAdapters, UnknownProviderError } from './providers/provider-registry';
export { ReferenceAdapter, ReferenceAdapterOptions } from './providers/reference-adapter';
export { ReferenceProvider, TokenFault } from './providers/reference-provider';
export { signWebhook, deliverWebhook, WebhookDelivery as SignedWebhookDelivery, DeliveryOptions } from './providers/reference-webhook-sender';
export { lifetimeSeconds, TokenGrant } from './oauth/token-grant';
export { RefreshOutcome, RefreshOptions, ExpiringCredentials } from './tokens/token';
export {
  IntegrationSettings,
  IntegrationService,
  ConnectionService,
  TokenRefresher,
  TokenExpiryNotifier,
  TokenHealthSweeper,
  ConnectionTokens,
  SyncRunService,
  SyncRunner,
  SyncRecords,
  StaleSyncSweeper,
  WebhookReceiver,
  WebhookInbox,
  ExternalMappingService,
};

export const integrationsModule = integrations.define({
  services: [
    ProviderAdapters,
    OAuthClient,
    ConnectionStore,
    IntegrationService,
    ConnectionService,
    TokenRefresher,
    TokenExpiryNotifier,
    ConnectionTokens,
    SyncRunService,
    SyncRecords,
    SyncRunner,
    WebhookInbox,
    WebhookReceiver,
    ExternalMappingService,
  ],
  sweepers: [TokenHealthSweeper, StaleSyncSweeper],
  migrations: [connectionsMigration, syncMigration, webhooksMigration, mappingsMigration],
  tables: ['integrations', 'integration_authorizations', 'integration_connections', 'integration_sync_runs', 'integration_synced_records', 'integration_webhook_deliveries', 'integration_external_mappings'],
  routes: integrationsRoutes,
  demo: integrationsDemo,
});
