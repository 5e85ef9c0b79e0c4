import { expect } from 'chai';
import { forEachDatabase } from '../../support/databases';
import { freshSurveyDeskPerTest } from './survey-desk';

const HOUR = 3_600_000;

forEachDatabase('surveys: reminders and expiry (sweeper)', (target) => {
  const sd = freshSurveyDeskPerTest(target);
  const at = (survey: { sentAt: Date }, hours: number) => new Date(survey.sentAt.getTime() + hours * HOUR);

  it('reminds an unanswered survey every interval, numbered, at most maxReminders times, then expires it once', async () => {
    const { kit } = sd;
    const ticket = await sd.closedTicket();
    const { survey } = await sd.surveyOf(ticket.id);
    kit.events.clear();
    expect((await sd.sweep(at(survey, 71))).count).to.equal(0);
    await sd.sweep(at(survey, 72));
    expect(kit.events).to.have.emitted('SURVEY_REMINDER_SENT').withPayload({
      surveyId: survey.id,
      recipientId: sd.desk.contactId,
      ticketId: ticket.id,
      sentAt: at(survey, 72).toISOString(),
      channel: 'email',
      reminderNumber: 1,
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    await sd.sweep(at(survey, 100));
    await sd.sweep(at(survey, 144));
    await sd.sweep(at(survey, 300));
    expect(kit.events.payloads('SURVEY_REMINDER_SENT').map((p) => [p.reminderNumber, p.sentAt])).to.deep.equal([
      [1, at(survey, 72).toISOString()],
      [2, at(survey, 144).toISOString()],
    ]);
    await sd.settle();
    expect(sd.delivery.delivered.map((d) => d.reminderNumber)).to.deep.equal([0, 1, 2]);

    await sd.sweep(at(survey, 14 * 24));
    await sd.sweep(at(survey, 15 * 24));
    expect(kit.events).to.have.emitted('SURVEY_EXPIRED').withPayload({ surveyId: survey.id, recipientId: sd.desk.contactId, ticketId: ticket.id, expiredAt: at(survey, 14 * 24).toISOString(), actorType: 'SYSTEM' }).times(1);
    expect(await sd.run(() => sd.surveys.get(survey.id))).to.include({ status: 'expired' });
  });

  it('an answered survey is neither reminded nor expired; maxReminders 0 sends no reminder', async () => {
    const { kit } = sd;
    await sd.answered(5);
    await sd.run(() => sd.settings.configure({ maxReminders: 0 }));
    const quiet = await sd.closedTicket();
    const { survey } = await sd.surveyOf(quiet.id);
    kit.events.clear();
    await sd.sweep(at(survey, 24 * 13));
    expect(kit.events.all).to.be.empty;
    await sd.sweep(at(survey, 24 * 30));
    expect(kit.events.types()).to.deep.equal(['SURVEY_EXPIRED']);
    expect(kit.events.payloads('SURVEY_EXPIRED')[0].surveyId).to.equal(survey.id);
  });

  it('sweeps run twice or at once: each reminder and each expiry exactly once', async () => {
    const { kit } = sd;
    const { survey } = await sd.surveyOf((await sd.closedTicket()).id);
    const other = await sd.surveyOf((await sd.closedTicket()).id);
    kit.events.clear();
    await Promise.all([sd.sweep(at(survey, 80)), sd.sweep(at(survey, 80)), sd.sweep(at(survey, 80))]);
    await sd.sweep(at(survey, 80));
    expect(kit.events.payloads('SURVEY_REMINDER_SENT').map((p) => `${p.surveyId}#${p.reminderNumber}`).sort()).to.deep.equal([`${other.survey.id}#1`, `${survey.id}#1`].sort());
    await Promise.all([sd.sweep(at(survey, 400)), sd.sweep(at(survey, 400))]);
    await sd.sweep(at(survey, 401));
    expect(kit.events.ofType('SURVEY_EXPIRED')).to.have.length(2);
  });
});
