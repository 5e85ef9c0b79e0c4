import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { SurveyInputError, SurveyLinks } from '../../../domains/surveys';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { freshSurveyDeskPerTest } from './survey-desk';

forEachDatabase('surveys: a closed ticket sends its contact a CSAT survey', (target) => {
  const sd = freshSurveyDeskPerTest(target);

  it('closing a ticket sends SURVEY_SENT to its contact through bus and worker, with a signed link that expires with the survey', async () => {
    const { kit } = sd;
    const ticket = await sd.desk.opened({ assignee: { id: sd.technicianId, type: 'user' } });
    const arrived = await kit.scenario(() => sd.desk.tickets.close(ticket.id)).expect('SURVEY_SENT').matching((p) => p.ticketId === ticket.id).toArrive({ within: 5000 });
    await sd.settle();
    const survey = (await sd.run(() => sd.surveys.forTicket(ticket.id)))!;
    expect(kit.events).to.have.emitted('SURVEY_SENT').withPayload({
      surveyId: survey.id,
      surveyType: 'csat',
      recipientId: sd.desk.contactId,
      ticketId: ticket.id,
      sentAt: ISO_DATE_TIME,
      channel: 'email',
      templateId: 'csat.ticket_closed',
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    expect(arrived.causationId).to.equal(kit.events.ofType('TICKET_CLOSED')[0].id);
    expect(survey).to.include({ status: 'sent', agentId: sd.technicianId, remindersSent: 0, maxReminders: 2 });
    expect(survey.expiresAt.getTime() - survey.sentAt.getTime()).to.equal(14 * 86_400_000);
    // The worker delivered the invitation once, with a link that opens exactly this survey.
    expect(sd.delivery.delivered.map((d) => [d.survey.id, d.reminderNumber])).to.deep.equal([[survey.id, 0]]);
    const claims = await sd.kit.resolve(SurveyLinks).verify(new URL(sd.delivery.delivered[0].url).searchParams.get('token'));
    expect(claims).to.deep.equal({ tenant: kit.tenantId, surveyId: survey.id });
  });

  it('a redelivered TICKET_CLOSED, or closing the ticket again after a reopen, sends no second survey', async () => {
    const { kit } = sd;
    const ticket = await sd.closedTicket();
    const [closed] = kit.events.ofType('TICKET_CLOSED');
    await kit.bus.publish([closed]);
    await sd.settle();
    await sd.run(() => sd.desk.tickets.update(ticket.id, { statusId: sd.desk.statuses.new.id }));
    await sd.run(() => sd.desk.tickets.close(ticket.id));
    await sd.settle();
    expect(kit.events.ofType('TICKET_CLOSED')).to.have.length(2);
    expect(kit.events.ofType('SURVEY_SENT')).to.have.length(1);
    expect(await kit.db('surveys')).to.have.length(1);
    expect(sd.delivery.delivered).to.have.length(1);
  });

  it('no survey without a contact, when the closer suppressed client notifications, or when the tenant turned CSAT off', async () => {
    const { kit } = sd;
    const noContact = await sd.desk.open({ contactId: undefined });
    await sd.run(() => sd.desk.tickets.close(noContact.id));
    const quiet = await sd.desk.open();
    await sd.run(() => sd.desk.tickets.close(quiet.id, { suppressContactNotifications: true }));
    await sd.run(() => sd.settings.configure({ csatOnClose: false }));
    const off = await sd.desk.open();
    await sd.run(() => sd.desk.tickets.close(off.id));
    await sd.settle();
    expect(kit.events.ofType('TICKET_CLOSED')).to.have.length(3);
    expect(kit.events.ofType('SURVEY_SENT')).to.be.empty;
  });

  it('staff send NPS and custom surveys on the same path (surveyType), without a ticket', async () => {
    const { kit } = sd;
    const contact = uuidv4();
    const nps = await sd.run(() => sd.surveys.send({ surveyType: 'nps', recipientId: contact }));
    const custom = await sd.run(() => sd.surveys.send({ surveyType: 'custom', recipientId: contact, templateId: 'onboarding.quality' }));
    expect(kit.events).to.have.emitted('SURVEY_SENT').withPayload({ surveyId: nps.survey.id, surveyType: 'nps', recipientId: contact, channel: 'email', templateId: 'nps.invitation', actorUserId: kit.actorUserId }).times(1);
    expect(kit.events).to.have.emitted('SURVEY_SENT').withPayload({ surveyId: custom.survey.id, surveyType: 'custom', templateId: 'onboarding.quality' }).times(1);
    expect(kit.events.payloads('SURVEY_SENT')[0]).not.to.have.property('ticketId');
  });

  it('bad input names the field; nothing written, nothing emitted', async () => {
    const { kit } = sd;
    const attempts: Array<[() => Promise<unknown>, string]> = [
      [() => sd.surveys.send({ surveyType: 'poll' as never, recipientId: uuidv4() }), 'surveyType'],
      [() => sd.surveys.send({ surveyType: 'nps', recipientId: 'someone' }), 'recipientId'],
      [() => sd.surveys.send({ surveyType: 'csat', recipientId: uuidv4(), ticketId: 'T-1' }), 'ticketId'],
      [() => sd.surveys.send({ surveyType: 'csat', recipientId: uuidv4(), templateId: 'bad template' }), 'templateId'],
      [() => sd.settings.configure({ maxReminders: -1 }), 'maxReminders'],
      [() => sd.settings.configure({ csatThreshold: 120 }), 'csatThreshold'],
    ];
    for (const [attempt, field] of attempts) {
      const err: any = await sd.run(attempt).catch((e) => e);
      expect(err, field).to.be.instanceOf(SurveyInputError);
      expect(err.field).to.equal(field);
    }
    expect(await kit.db('surveys')).to.be.empty;
    expect(await kit.db('survey_settings')).to.be.empty;
    expect(kit.events.all).to.be.empty;
  });
});
