import { expect } from 'chai';
import { OutboundDispatcher, EmailSettings } from '../../../domains/email';
import { forEachDatabase } from '../../support/databases';
import { SmtpSink } from '../email/smtp-sink';
import { freshNotificationDeskPerTest } from './notification-desk';

forEachDatabase('notifications: the email channel through the email module (real SMTP server)', (target) => {
  const nd = freshNotificationDeskPerTest(target);
  let smtp: SmtpSink;
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    nd.kit.container.registerInstance(EmailSettings, new EmailSettings({ smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, defaultFrom: 'desk@msp.example', bounceAddress: 'bounces@msp.example' }));
  });
  afterEach(() => smtp.stop());

  const dispatch = async () => {
    await nd.kit.run(() => nd.kit.resolve(OutboundDispatcher).sweep(), { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
    await nd.settle();
  };

  it('an email notification is queued as notification mail, sent over SMTP, and DELIVERED when the relay took it', async () => {
    const { kit } = nd;
    await nd.run(async () => {
      await nd.preferences.setAddress(nd.technicianId, 'email', 'tech@msp.example');
      await nd.preferences.setChannels(nd.technicianId, 'ticket_assigned', ['email']);
    });
    const ticket = await nd.assignedTicket();
    const [queued] = kit.events.payloads('OUTBOUND_EMAIL_QUEUED');
    expect(queued).to.deep.include({ to: ['tech@msp.example'], subject: `Ticket ${ticket.ticketNumber} assigned to you` });
    const [row] = await nd.rows();
    expect(row).to.include({ status: 'queued', provider_message_id: queued.messageId });
    expect(kit.events).not.to.have.emitted('NOTIFICATION_DELIVERED');

    await dispatch();
    expect(smtp.received.map((m) => m.recipients)).to.deep.equal([['tech@msp.example']]);
    expect(smtp.received[0].raw.toString()).to.contain('Auto-Submitted: auto-generated');
    expect(kit.events).to.have.emitted('NOTIFICATION_DELIVERED').withPayload({ notificationId: row.notification_id, channel: 'email', recipientId: nd.technicianId, providerMessageId: queued.messageId }).times(1);
    await dispatch();
    expect(smtp.received).to.have.length(1);
  });

  it('a mailbox the server refuses (550) fails the notification for good', async () => {
    const { kit } = nd;
    await nd.run(async () => {
      await nd.preferences.setAddress(nd.technicianId, 'email', 'reject-me@msp.example');
      await nd.preferences.setChannels(nd.technicianId, 'ticket_assigned', ['email']);
    });
    await nd.assignedTicket();
    await dispatch();
    const [row] = await nd.rows();
    expect(kit.events).to.have.emitted('NOTIFICATION_FAILED').withPayload({ notificationId: row.notification_id, channel: 'email', errorCode: 'SMTP_550', retryable: false }).times(1);
  });
});
