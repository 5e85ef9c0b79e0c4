import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { v4 as uuidv4 } from 'uuid';
import { DemoStory } from '../../lib/kit';
import { TicketService, TicketSetupService } from '../tickets';
import { SmsGateway } from './delivery/gateway';
import { HttpJsonGateway } from './delivery/http-gateway';
import { NotificationService } from './inbox/notification-service';
import { NotificationPreferenceService } from './preferences/preference-service';

/** A loopback SMS gateway speaking HttpJsonGateway's protocol: confirms delivery at once. */
async function startSmsGateway(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body).to);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `SM${received.length}`, status: 'delivered' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  return { url, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** An urgent ticket handed to the on-call technician: an SMS and an in-app notification, then she reads it. */
export const notificationsDemo: DemoStory = {
  title: 'Notifications: telling the on-call technician',
  async run(demo) {
    const gateway = await startSmsGateway();
    demo.runtime.container.registerInstance(SmsGateway as unknown as new () => SmsGateway, new HttpJsonGateway(gateway.url));
    try {
      const setup = demo.resolve(TicketSetupService);
      const priority = await setup.createPriority({ name: 'Urgent', order: 0 });
      const board = await setup.createBoard({ name: 'On call', tier: 1 });
      const onCall = uuidv4();
      demo.say('The on-call technician wants ticket assignments in the app and by SMS.');
      const prefs = demo.resolve(NotificationPreferenceService);
      await prefs.setAddress(onCall, 'sms', '+15550100199');
      await prefs.setChannels(onCall, 'ticket_assigned', ['in_app', 'sms']);

      demo.say(`The dispatcher assigns a server outage to her; the worker notifies her (SMS through a local gateway at ${gateway.url}).`);
      await demo.resolve(TicketService).create({ title: 'File server offline', clientId: uuidv4(), boardId: board.id, priorityId: priority.id, assignee: { id: onCall, type: 'user' } });
      await demo.settle();
      await demo.settle();
      demo.say(`  → the gateway received ${gateway.received.length} SMS (to ${gateway.received.join(', ')})`);

      demo.say('She opens the app: the inbox fetch confirms the in-app delivery, and she reads the notification.');
      const notifications = demo.resolve(NotificationService);
      const { notifications: inbox } = await demo.as({ actorUserId: onCall }, () => notifications.inbox(onCall));
      await demo.as({ actorUserId: onCall }, () => notifications.markRead(inbox[0].id, { recipientId: onCall, client: 'web' }));
    } finally {
      await gateway.close();
    }
  },
};
