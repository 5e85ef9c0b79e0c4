import { v4 as uuidv4 } from 'uuid';
import {
  DeliveryService,
  EmailGateway,
  HttpJsonGateway,
  NotificationPreferenceService,
  NotificationService,
  notificationsModule,
  PushGateway,
  SmsGateway,
} from '../../../domains/notifications';
import { DatabaseTarget } from '../../support/databases';
import { HelpDesk } from '../tickets/help-desk';
import { LocalGateway } from './gateway-server';

type GatewayToken = typeof SmsGateway | typeof PushGateway | typeof EmailGateway;

/**
 * A help desk with the notifications module, a technician and a team watcher, and real local
 * SMS and push gateways registered as the channels' senders.
 */
export class NotificationDesk {
  readonly technicianId = uuidv4();
  readonly watcherId = uuidv4();
  readonly teamId = uuidv4();
  sms!: LocalGateway;
  push!: LocalGateway;

  private constructor(readonly desk: HelpDesk) {}

  static async create(target: DatabaseTarget): Promise<NotificationDesk> {
    const nd = new NotificationDesk(await HelpDesk.create(target, [notificationsModule]));
    nd.sms = await new LocalGateway().start();
    nd.push = await new LocalGateway().start();
    nd.useGateway(SmsGateway, nd.sms.url);
    nd.useGateway(PushGateway, nd.push.url);
    return nd;
  }

  get kit() {
    return this.desk.kit;
  }

  get notifications(): NotificationService {
    return this.kit.resolve(NotificationService);
  }

  get preferences(): NotificationPreferenceService {
    return this.kit.resolve(NotificationPreferenceService);
  }

  get delivery(): DeliveryService {
    return this.kit.resolve(DeliveryService);
  }

  /** Registers an HTTP gateway at `url` as the sender of one channel. */
  useGateway(token: GatewayToken, url: string): void {
    this.kit.container.registerInstance(token as unknown as new () => SmsGateway, new HttpJsonGateway(url, { timeoutMs: 2000 }));
  }

  run<T>(fn: () => T): T {
    return this.desk.run(fn);
  }

  /** The technician wants `topic` on these channels, with an SMS number and a push token. */
  async technicianWants(channels: Array<'in_app' | 'sms' | 'push' | 'email'>, topic: 'ticket_assigned' | 'ticket_customer_replied' | 'ticket_sla_breached' = 'ticket_assigned'): Promise<void> {
    await this.run(async () => {
      await this.preferences.setAddress(this.technicianId, 'sms', '+15550100101');
      await this.preferences.setAddress(this.technicianId, 'push', 'device-token-abc');
      await this.preferences.setChannels(this.technicianId, topic, channels);
    });
  }

  /** Opens a ticket assigned to the technician, settles the pipeline and returns it. */
  async assignedTicket() {
    const ticket = await this.desk.open({ assignee: { id: this.technicianId, type: 'user' } });
    await this.settle();
    return ticket;
  }

  /** Relay, worker and the handlers' own events, until nothing moves. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.kit.settle();
  }

  async rows() {
    return this.kit.db('notifications').orderBy(['channel', 'recipient_id']);
  }

  async close(): Promise<void> {
    await this.desk.close();
    await this.sms.stop();
    await this.push.stop();
  }
}

export function freshNotificationDeskPerTest(target: DatabaseTarget): NotificationDesk {
  let current: NotificationDesk | undefined;
  beforeEach(async () => {
    current = await NotificationDesk.create(target);
  });
  afterEach(() => current?.close());
  return new Proxy({} as NotificationDesk, { get: (_t, key) => Reflect.get(current!, key) });
}
