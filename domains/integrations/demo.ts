import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { DemoStory } from '../../lib/kit';
import { IntegrationService } from './connections/integration-service';
import { ConnectionService } from './connections/connection-service';
import { ExternalMappingService } from './mappings/mapping-service';
import { deliverWebhook, signWebhook } from './providers/reference-webhook-sender';
import { ReferenceProvider } from './providers/reference-provider';
import { integrationsRoutes } from './routes';
import { SyncRunner } from './sync/sync-runner';
import { TokenHealthSweeper } from './tokens/token-health-sweeper';
import { TokenRefresher } from './tokens/token-refresher';

/**
 * An accounting system connected over OAuth (PKCE) against a provider the demo starts on loopback;
 * a sync, a failed sync, a signed webhook (and its retry), a mapping, a refresh the provider
 * refuses, and the disconnect.
 */
export const integrationsDemo: DemoStory = {
  title: 'Integrations: connecting an accounting system',
  async run(demo) {
    const provider = await new ReferenceProvider().start();
    const server = fastify({ logger: false });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => integrationsRoutes(scope, { runtime: demo.runtime, logger: quiet, requireApiToken: async () => undefined }));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const ours = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    try {
      provider.putRecord('customer', 'C-1001', { name: 'Northwind Dental', email: 'office@northwind.example' });
      provider.putRecord('customer', 'C-1002', { name: 'Contoso Legal' });
      provider.putRecord('customer', 'C-1003', { name: '' });

      demo.say(`The technician connects the accounting system (a local OAuth 2.0 server at ${provider.url}); its refresh tokens live 3 days.`);
      const integration = await demo.resolve(IntegrationService).register({ provider: 'reference', name: 'Accounting', issuer: provider.url, clientId: 'wfe-demo', apiBaseUrl: provider.url });
      const connections = demo.resolve(ConnectionService);
      const request = await connections.beginAuthorization({ integrationId: integration.id, redirectUri: `${ours}/integrations/oauth/callback` });
      provider.editNextTokenResponse((body) => (body.refresh_token_expires_in = 3 * 86_400));
      // The browser: the provider redirects back to our callback with the code, which we exchange with the PKCE verifier.
      const consent = await fetch(request.authorizationUrl, { redirect: 'manual' });
      const callback = await fetch(consent.headers.get('location')!);
      if (callback.status !== 200) throw new Error(`OAuth callback failed: ${await callback.text()}`);
      const connectionId = request.connectionId;

      demo.say('The token health sweep warns that the credentials need a person within the week.');
      await demo.as({ actorUserId: undefined, actorType: 'SYSTEM' }, () => demo.resolve(TokenHealthSweeper).sweep());

      demo.say('A sync copies the customers (one has no name and is skipped with a warning); a second one hits a provider outage.');
      const runner = demo.resolve(SyncRunner);
      const synced = await runner.run(connectionId, { scope: { types: ['customer'] } });
      const s = synced.summary!;
      demo.say(`  → ${s.created} created, ${s.updated} updated, ${s.deleted} deleted, ${s.skipped} skipped (${synced.warnings.join('; ')}) in ${synced.durationMs} ms`);
      provider.failNextApiRequest(503);
      const failed = await runner.run(connectionId);
      demo.say(`  → failed: ${failed.errorCode} (${failed.retryable ? 'retryable' : 'needs a person'})`);

      demo.say('The provider posts a signed webhook (Standard Webhooks), then retries it: received once.');
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      await connections.setWebhookSecret(connectionId, secret);
      const delivery = signWebhook({ kind: 'standard-webhooks' }, secret, JSON.stringify({ type: 'customer.updated', timestamp: new Date().toISOString(), data: { id: 'C-1002' } }));
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = (await (await deliverWebhook(`${ours}/webhooks/integrations/${connectionId}`, delivery)).json()) as { duplicate: boolean };
        demo.say(`  → delivery ${attempt + 1}: ${answer.duplicate ? 'duplicate, ignored' : 'received'}`);
      }

      demo.say('The technician maps a client to its accounting customer.');
      await demo.resolve(ExternalMappingService).create({ integrationId: integration.id, mappingType: 'client', localId: randomUUID(), externalId: 'C-1002' });

      demo.say("An administrator revokes the app at the provider: the next refresh gets invalid_grant and the connection needs a person.");
      provider.revokeAllGrants();
      const refresh = await demo.resolve(TokenRefresher).refresh(connectionId, { force: true });
      if (refresh.kind === 'failed') demo.say(`  → ${refresh.failure.code}: ${refresh.failure.message}; connection ${refresh.connection.status}`);

      demo.say('The technician disconnects it.');
      await connections.disconnect(connectionId, { reason: 'Replaced by the new accounting system' });
    } finally {
      await server.close();
      await provider.stop();
    }
  },
};
