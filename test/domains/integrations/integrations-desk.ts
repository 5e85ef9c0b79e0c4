import fastify, { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import {
  Connection,
  ConnectionService,
  ConnectionTokens,
  ExternalMappingService,
  Integration,
  IntegrationService,
  IntegrationSettings,
  integrationsModule,
  ProviderAdapters,
  ReferenceProvider,
  StaleSyncSweeper,
  SyncRunner,
  SyncRunService,
  TokenHealthSweeper,
  TokenRefresher,
  WebhookReceiver,
} from '../../../domains/integrations';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

export const REDIRECT_URI = 'http://127.0.0.1:8080/integrations/oauth/callback';

/**
 * A tenant of the integrations module against a reference provider on loopback (a real OAuth 2.0
 * server from oauth2-mock-server, with rotating refresh tokens). Services are resolved from the kit.
 */
export class IntegrationsDesk {
  readonly integrations: IntegrationService;
  readonly connections: ConnectionService;
  readonly refresher: TokenRefresher;
  readonly tokens: ConnectionTokens;
  readonly tokenSweeper: TokenHealthSweeper;
  readonly runs: SyncRunService;
  readonly runner: SyncRunner;
  readonly staleSweeper: StaleSyncSweeper;
  readonly receiver: WebhookReceiver;
  readonly mappings: ExternalMappingService;
  readonly adapters: ProviderAdapters;
  integration!: Integration;
  private http?: FastifyInstance;

  private constructor(
    readonly kit: TestKit,
    readonly provider: ReferenceProvider,
    readonly settings: IntegrationSettings,
  ) {
    kit.container.registerInstance(IntegrationSettings, settings);
    this.integrations = kit.resolve(IntegrationService);
    this.connections = kit.resolve(ConnectionService);
    this.refresher = kit.resolve(TokenRefresher);
    this.tokens = kit.resolve(ConnectionTokens);
    this.tokenSweeper = kit.resolve(TokenHealthSweeper);
    this.runs = kit.resolve(SyncRunService);
    this.runner = kit.resolve(SyncRunner);
    this.staleSweeper = kit.resolve(StaleSyncSweeper);
    this.receiver = kit.resolve(WebhookReceiver);
    this.mappings = kit.resolve(ExternalMappingService);
    this.adapters = kit.resolve(ProviderAdapters);
  }

  static async create(target: DatabaseTarget, settings: Partial<IntegrationSettings> = {}): Promise<IntegrationsDesk> {
    const kit = await createTestKit({ modules: [integrationsModule], databaseUrl: target.url });
    const provider = await new ReferenceProvider().start();
    const desk = new IntegrationsDesk(kit, provider, new IntegrationSettings(settings));
    desk.integration = await desk.run(() => desk.integrations.register({ provider: 'reference', name: 'Accounting', issuer: provider.url, clientId: 'wfe-test', apiBaseUrl: provider.url }));
    return desk;
  }

  run<T>(fn: () => T, ctx: EmissionContextInit = {}): T {
    return this.kit.run(fn, ctx);
  }

  /** As the sweep runner runs sweepers: for no one (no tenant, actor SYSTEM). */
  asSystem<T>(fn: () => T): T {
    return this.kit.run(fn, { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
  }

  /** The browser's trip to the provider: the URL it is redirected back to, with code and state. */
  async authorize(authorizationUrl: string): Promise<string> {
    const res = await fetch(authorizationUrl, { redirect: 'manual' });
    if (res.status !== 302) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
    return res.headers.get('location')!;
  }

  /**
   * Connects through the whole OAuth flow; `edit` changes the provider's token answer first
   * (e.g. add refresh_token_expires_in, drop expires_in).
   */
  async connect(edit?: (body: Record<string, unknown>) => void, integrationId = this.integration.id): Promise<Connection> {
    const request = await this.run(() => this.connections.beginAuthorization({ integrationId, redirectUri: REDIRECT_URI }));
    if (edit) this.provider.editNextTokenResponse(edit);
    const callbackUrl = await this.authorize(request.authorizationUrl);
    return this.run(() => this.connections.completeAuthorization({ state: request.state, callbackUrl }));
  }

  /** Connects and configures a webhook secret; resolves with the connection and the secret. */
  async connectWithWebhooks(secret = `whsec_${randomBytes(24).toString('base64')}`): Promise<{ connection: Connection; secret: string }> {
    const connection = await this.connect();
    await this.run(() => this.connections.setWebhookSecret(connection.id, secret));
    return { connection, secret };
  }

  /** The module's routes mounted the way `wfe serve` mounts them, on the kit's runtime. */
  async server(): Promise<FastifyInstance> {
    if (this.http) return this.http;
    const server = fastify({ logger: false });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => integrationsModule.routes!(scope, { runtime: this.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
    await server.ready();
    this.http = server;
    return server;
  }

  /** The connection's raw row (sealed columns included). */
  row(connectionId: string): Promise<Record<string, any>> {
    return this.kit.db('integration_connections').where({ connection_id: connectionId }).first();
  }

  get(connectionId: string): Promise<Connection> {
    return this.run(() => this.connections.get(connectionId));
  }

  async close(): Promise<void> {
    await this.http?.close();
    await this.provider.stop();
    await this.kit.close();
  }
}

/** A fresh desk per test (its own database schema and provider). */
export function freshIntegrationsDeskPerTest(target: DatabaseTarget, settings: Partial<IntegrationSettings> = {}): IntegrationsDesk {
  let current: IntegrationsDesk | undefined;
  beforeEach(async function () {
    this.timeout(20_000);
    current = await IntegrationsDesk.create(target, settings);
  });
  afterEach(() => current?.close());
  return new Proxy({} as IntegrationsDesk, { get: (_target, key) => Reflect.get(current!, key) });
}

export const anotherTenant = (): EmissionContextInit => ({ tenantId: uuidv4(), actorUserId: uuidv4() });
