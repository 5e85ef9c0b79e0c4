import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { v4 as uuidv4 } from 'uuid';
import { ClientService, ContactService } from '../../../domains/crm';
import { EmailSettings, OutboundDispatcher } from '../../../domains/email';
import { SurveyService, surveysModule } from '../../../domains/surveys';
import { forEachDatabase } from '../../support/databases';
import { SmtpSink } from '../email/smtp-sink';
import { HelpDesk } from '../tickets/help-desk';

forEachDatabase('surveys: the invitation by email to the CRM contact (real SMTP server)', (target) => {
  let desk: HelpDesk;
  let smtp: SmtpSink;
  beforeEach(async () => {
    desk = await HelpDesk.create(target, [surveysModule]);
    smtp = await new SmtpSink().start();
    desk.kit.container.registerInstance(EmailSettings, new EmailSettings({ smtp: { host: '127.0.0.1', port: smtp.port, ignoreTLS: true }, defaultFrom: 'desk@msp.example', bounceAddress: 'bounces@msp.example' }));
  });
  afterEach(async () => {
    await desk.close();
    await smtp.stop();
  });

  const settle = async () => {
    for (let i = 0; i < 3; i++) await desk.kit.settle();
  };
  const dispatch = async () => {
    await desk.kit.run(() => desk.kit.resolve(OutboundDispatcher).sweep(), { tenantId: undefined, actorUserId: undefined, actorType: 'SYSTEM' });
    await settle();
  };

  it('the contact gets the CSAT link by mail, answers through it; a contact without an address is surveyed in the portal', async () => {
    const { kit } = desk;
    const contact = await desk.run(async () => {
      const client = await kit.resolve(ClientService).create({ name: 'Contoso Legal', status: 'active' });
      return kit.resolve(ContactService).create({ clientId: client.id, fullName: 'Dana Scully', email: 'dana@contoso.example' });
    });
    const ticket = await desk.open({ clientId: contact.clientId, contactId: contact.id, assignee: { id: uuidv4(), type: 'user' } });
    await desk.run(() => desk.tickets.close(ticket.id));
    await settle();
    expect(kit.events).to.have.emitted('SURVEY_SENT').withPayload({ recipientId: contact.id, ticketId: ticket.id, channel: 'email' }).times(1);
    expect(kit.events).to.have.emitted('OUTBOUND_EMAIL_QUEUED').withPayload({ to: ['dana@contoso.example'], subject: 'A quick question about your recent support request' }).times(1);

    await dispatch();
    expect(smtp.received).to.have.length(1);
    const mail = await simpleParser(smtp.received[0].raw);
    expect(mail.text).to.contain('Hello Dana Scully,').and.contain('from 1 (not at all) to 5');
    const link = /https?:\/\/\S+\/surveys\/respond\?token=[\w.-]+/.exec(mail.text ?? '')![0];
    const token = new URL(link).searchParams.get('token')!;
    await kit.run(() => kit.resolve(SurveyService).respond(token, { score: 4 }), { actorUserId: undefined, actorContactId: contact.id, actorType: 'CONTACT' });
    expect(kit.events).to.have.emitted('SURVEY_RESPONSE_RECEIVED').withPayload({ recipientId: contact.id, ticketId: ticket.id, score: 4 }).times(1);

    // The help desk's own contact id is not in the CRM: the survey goes to the portal, no mail.
    const other = await desk.open();
    await desk.run(() => desk.tickets.close(other.id));
    await settle();
    expect(kit.events).to.have.emitted('SURVEY_SENT').withPayload({ ticketId: other.id, channel: 'portal' }).times(1);
    expect(kit.events.ofType('OUTBOUND_EMAIL_QUEUED')).to.have.length(1);
    const open = await desk.run(() => kit.resolve(SurveyService).openFor(desk.contactId));
    expect(open.map((o) => o.survey.ticketId)).to.deep.equal([other.id]);
  });
});
