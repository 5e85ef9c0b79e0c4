import { emailModule, EmailSettings, OutboundDispatcher, OutboundEmailService } from '../../../domains/email';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';
import { SmtpSink } from './smtp-sink';

/** A tenant's email desk: the email module (and tickets, its dependency) on a fresh database, sending to a local SMTP sink. */
export class MailDesk {
  readonly outbound: OutboundEmailService;
  readonly dispatcher: OutboundDispatcher;

  private constructor(
    readonly kit: TestKit,
    readonly smtp: SmtpSink,
    readonly settings: EmailSettings,
  ) {
    kit.container.registerInstance(EmailSettings, settings);
    this.outbound = kit.resolve(OutboundEmailService);
    this.dispatcher = kit.resolve(OutboundDispatcher);
  }

  static async create(target: DatabaseTarget, settings: Partial<EmailSettings> = {}): Promise<MailDesk> {
    const kit = await createTestKit({ modules: [emailModule], databaseUrl: target.url });
    const smtp = await new SmtpSink().start();
    const all = new EmailSettings({ smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, defaultFrom: 'support@msp.example', bounceAddress: 'bounces@msp.example', publicBaseUrl: 'https://desk.msp.example', ...settings });
    return new MailDesk(kit, smtp, all);
  }

  run<T>(fn: () => T, ctx: EmissionContextInit = {}): T {
    return this.kit.run(fn, ctx);
  }

  /** As the sweep runner runs sweepers: for no one (no tenant, actor SYSTEM). */
  asSystem<T>(fn: () => T): T {
    return this.kit.run(fn, { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
  }

  async close(): Promise<void> {
    await this.smtp.stop();
    await this.kit.close();
  }
}

/** A fresh desk per test (own database or schema, own SMTP sink). */
export function freshMailDeskPerTest(target: DatabaseTarget, settings: Partial<EmailSettings> = {}): MailDesk {
  let current: MailDesk | undefined;
  beforeEach(async function () {
    this.timeout(20_000);
    current = await MailDesk.create(target, settings);
  });
  afterEach(() => current?.close());
  return new Proxy({} as MailDesk, { get: (_target, key) => Reflect.get(current!, key) });
}
