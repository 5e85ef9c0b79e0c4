import fastify, { FastifyInstance } from 'fastify';
import {
  DeliveryReportService,
  emailModule,
  EmailProvider,
  EmailProviderService,
  EmailSettings,
  InboundEmailService,
  KnownContact,
  OutboundDispatcher,
  OutboundEmailService,
  UnsubscribeService,
} from '../../../domains/email';
import { ClientService, ContactService } from '../../../domains/crm';
import { Board, Priority, TicketSetupService } from '../../../domains/tickets';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';
import { FakeMailProvider } from './fake-mail-provider';
import { SmtpSink } from './smtp-sink';

/**
 * A tenant's email desk: the email module with tickets on a fresh database, sending to a local
 * SMTP sink, its mailbox served by a local Graph/Gmail stand-in, Alice a CRM contact of an active client.
 */
export class MailDesk {
  readonly outbound: OutboundEmailService;
  readonly dispatcher: OutboundDispatcher;
  readonly providers: EmailProviderService;
  readonly inbound: InboundEmailService;
  readonly delivery: DeliveryReportService;
  readonly unsubscribe: UnsubscribeService;
  alice!: KnownContact;
  board!: Board;
  priority!: Priority;
  private http?: FastifyInstance;

  private constructor(
    readonly kit: TestKit,
    readonly smtp: SmtpSink,
    readonly api: FakeMailProvider,
    readonly settings: EmailSettings,
  ) {
    kit.container.registerInstance(EmailSettings, settings);
    this.outbound = kit.resolve(OutboundEmailService);
    this.dispatcher = kit.resolve(OutboundDispatcher);
    this.providers = kit.resolve(EmailProviderService);
    this.inbound = kit.resolve(InboundEmailService);
    this.delivery = kit.resolve(DeliveryReportService);
    this.unsubscribe = kit.resolve(UnsubscribeService);
  }

  static async create(target: DatabaseTarget, settings: Partial<EmailSettings> = {}): Promise<MailDesk> {
    const kit = await createTestKit({ modules: [emailModule], databaseUrl: target.url });
    const smtp = await new SmtpSink().start();
    const api = await new FakeMailProvider().start();
    const all = new EmailSettings({
      smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true },
      defaultFrom: 'support@msp.example',
      bounceAddress: 'bounces@msp.example',
      publicBaseUrl: 'https://desk.msp.example',
      googleCertsUrl: `${api.url}/oauth2/v1/certs`,
      googlePushServiceAccount: 'gmail-push@msp-project.iam.gserviceaccount.com',
      ...settings,
    });
    const desk = new MailDesk(kit, smtp, api, all);
    await kit.run(async () => {
      const setup = kit.resolve(TicketSetupService);
      await setup.createStatus({ name: 'New', isDefault: true, order: 1 });
      await setup.createStatus({ name: 'Resolved', isClosed: true, isDefault: true, order: 2 });
      desk.priority = await setup.createPriority({ name: 'Normal', order: 1 });
      desk.board = await setup.createBoard({ name: 'Service Desk', tier: 1 });
      const client = await kit.resolve(ClientService).create({ name: 'Client Ltd', status: 'active' });
      const alice = await kit.resolve(ContactService).create({ clientId: client.id, fullName: 'Alice Doe', email: 'Alice@client.example' });
      desk.alice = { contactId: alice.id, clientId: client.id };
    });
    kit.events.clear();
    return desk;
  }

  run<T>(fn: () => T, ctx: EmissionContextInit = {}): T {
    return this.kit.run(fn, ctx);
  }

  /** As provider notifications and the ingest command run: the tenant, actor SYSTEM. */
  asMailbox<T>(fn: () => T): T {
    return this.kit.run(fn, { actorUserId: undefined, actorType: 'SYSTEM' });
  }

  /** As the sweep runner runs sweepers: for no one (no tenant, actor SYSTEM). */
  asSystem<T>(fn: () => T): T {
    return this.kit.run(fn, { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
  }

  /** Connects the support mailbox (Microsoft Graph stand-in), routing new tickets to the service desk. */
  connectMailbox(overrides: Record<string, unknown> = {}): Promise<EmailProvider> {
    return this.run(() =>
      this.providers.connect({
        type: 'microsoft',
        name: 'Support inbox',
        accessToken: this.api.token,
        apiBaseUrl: this.api.graphBase,
        subscriptionId: 'sub-1',
        clientState: 'client-state-secret',
        boardId: this.board.id,
        priorityId: this.priority.id,
        ...overrides,
      }),
    );
  }

  async connected(): Promise<EmailProvider> {
    const p = await this.connectMailbox();
    this.kit.events.clear();
    return p;
  }

  ingest(providerId: string, raw: Buffer) {
    return this.asMailbox(() => this.inbound.ingest(providerId, raw));
  }

  /** The module's routes mounted the way `wfe serve` mounts them, on the kit's runtime. */
  async server(): Promise<FastifyInstance> {
    if (this.http) return this.http;
    const server = fastify({ logger: false });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => emailModule.routes!(scope, { runtime: this.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
    await server.ready();
    this.http = server;
    return server;
  }

  async close(): Promise<void> {
    await this.http?.close();
    await this.smtp.stop();
    await this.api.stop();
    await this.kit.close();
  }
}

/** A fresh desk per test (own database or schema, own SMTP sink and provider stand-in). */
export function freshMailDeskPerTest(target: DatabaseTarget, settings: Partial<EmailSettings> = {}): MailDesk {
  let current: MailDesk | undefined;
  beforeEach(async function () {
    this.timeout(20_000);
    current = await MailDesk.create(target, settings);
  });
  afterEach(() => current?.close());
  return new Proxy({} as MailDesk, { get: (_target, key) => Reflect.get(current!, key) });
}
