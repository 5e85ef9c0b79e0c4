import { DemoStory } from '../../../lib/kit';
import { ClientService, ContactService } from '../../crm';
import { MessageService, TicketSetupService } from '../../tickets';
import { InboundEmailService } from '../inbound/inbound-service';
import { OutboundEmailService } from '../outbound/outbound-service';
import { EmailProviderService } from '../providers/provider-service';
import { EmailSettings } from '../settings';
import { withSubaddress } from '../shared/addresses';
import { bounceReport, clientAnswer, clientRequest } from './demo-messages';
import { DemoMailServers } from './demo-servers';

const MAILBOX = 'support@demo-msp.example';
const CLIENT = 'dana@contoso-dental.example';

/** A client emails the support mailbox, a technician answers over SMTP, the answer threads back, and a notification bounces. */
export const emailDemo: DemoStory = {
  title: 'Email: a client writes in, the conversation threads, a bounce is recorded',
  async run(demo) {
    const servers = await new DemoMailServers(MAILBOX, 'demo-graph-token').start();
    const settings = new EmailSettings({ smtp: { host: '127.0.0.1', port: servers.smtpPort, ignoreTLS: true }, defaultFrom: MAILBOX, bounceAddress: 'bounces@demo-msp.example' });
    demo.runtime.container.registerInstance(EmailSettings, settings);
    try {
      const setup = demo.resolve(TicketSetupService);
      const board = await setup.createBoard({ name: 'Email Desk', tier: 1 });
      const priority = await setup.createPriority({ name: 'Normal (email)', order: 5 });
      const client = await demo.resolve(ClientService).create({ name: 'Contoso Dental', status: 'active' });
      await demo.resolve(ContactService).create({ clientId: client.id, fullName: 'Dana Reyes', email: CLIENT });

      demo.say(`The support mailbox ${MAILBOX} is connected (Microsoft Graph, verified against the API; tokens sealed).`);
      const provider = await demo.resolve(EmailProviderService).connect({
        type: 'microsoft',
        name: 'Support inbox',
        accessToken: 'demo-graph-token',
        apiBaseUrl: servers.graphBase,
        subscriptionId: 'demo-subscription',
        clientState: 'demo-client-state',
        boardId: board.id,
        priorityId: priority.id,
      });
      const inbound = demo.resolve(InboundEmailService);
      const asMailbox = <T>(fn: () => Promise<T>) => demo.as({ actorUserId: undefined, actorType: 'SYSTEM' }, fn);

      demo.say('Dana (a CRM contact) emails support: the message is kept raw, parsed, and opens a ticket.');
      const opened = await asMailbox(() => inbound.ingest(provider.id, clientRequest(CLIENT, MAILBOX)));

      demo.say('The technician answers on the ticket; the reply is queued and sent over SMTP, threaded to Dana\'s message.');
      await demo.resolve(MessageService).addMessage(opened.ticketId!, { content: 'The scanner\'s SMTP password had expired; I have updated it. Please try again.' });
      const outbound = demo.resolve(OutboundEmailService);
      const { queued } = await outbound.queue({ ticketId: opened.ticketId!, to: [CLIENT], subject: 'Re: Scanner in reception stopped sending to email', text: 'The scanner\'s SMTP password had expired; I have updated it. Please try again.' });
      await outbound.send(queued!.messageId);

      demo.say('Dana answers from her mail program; In-Reply-To threads it back to the ticket as her reply.');
      await asMailbox(() => inbound.ingest(provider.id, clientAnswer(CLIENT, MAILBOX, queued!.messageId, [...queued!.references, queued!.messageId])));

      demo.say('A maintenance notice to a former employee is sent, and the receiving server\'s delivery report comes back: a hard bounce.');
      const notice = await outbound.queue({ to: ['former.staff@contoso-dental.example'], subject: 'Planned maintenance on Saturday', text: 'Email will be unavailable from 8 to 10am.' });
      const sent = await outbound.send(notice.queued!.messageId);
      const envelopeSender = withSubaddress(settings.bounceAddress, `b-${sent!.message.envelopeToken}`);
      await asMailbox(() => inbound.ingest(provider.id, bounceReport(envelopeSender, 'former.staff@contoso-dental.example', sent!.message.messageId)));
      await demo.settle();
    } finally {
      demo.runtime.container.registerInstance(EmailSettings, new EmailSettings());
      await servers.stop();
    }
  },
};
