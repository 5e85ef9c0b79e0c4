import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { SurveyInputError, SurveyLinkError, SurveyStateError } from '../../../domains/surveys';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { freshSurveyDeskPerTest, tokenOf } from './survey-desk';

forEachDatabase('surveys: answers through the signed link', (target) => {
  const sd = freshSurveyDeskPerTest(target);
  const contactCtx = () => ({ actorUserId: undefined, actorContactId: sd.desk.contactId, actorType: 'CONTACT' as const });
  const respond = (token: string, answer: { score: unknown; comment?: unknown }, extra = {}) =>
    sd.kit.run(() => sd.surveys.respond(token, answer), { ...contactCtx(), ...extra });

  it('the contact answers: SURVEY_RESPONSE_RECEIVED with score and comment; the survey is responded', async () => {
    const { kit } = sd;
    const ticket = await sd.closedTicket();
    const { survey, token } = await sd.surveyOf(ticket.id);
    kit.events.clear();
    const { response } = await respond(token, { score: 2, comment: '  Took three days.  ' });
    expect(kit.events).to.have.emitted('SURVEY_RESPONSE_RECEIVED').withPayload({
      surveyId: survey.id,
      responseId: response.id,
      recipientId: sd.desk.contactId,
      ticketId: ticket.id,
      respondedAt: ISO_DATE_TIME,
      score: 2,
      comment: 'Took three days.',
      actorContactId: sd.desk.contactId,
      actorType: 'CONTACT',
    }).times(1);
    expect(await sd.run(() => sd.surveys.get(survey.id))).to.include({ status: 'responded' });
    const [row] = await kit.db('survey_responses');
    expect(row).to.include({ survey_id: survey.id, agent_id: sd.technicianId, survey_type: 'csat', comment: 'Took three days.' });
    expect(Number(row.score)).to.equal(2);
  });

  it('one response per survey: a second answer is refused (SURVEY_ALREADY_ANSWERED) and emits nothing', async () => {
    const { kit } = sd;
    const { token } = await sd.surveyOf((await sd.closedTicket()).id);
    await respond(token, { score: 5 });
    kit.events.clear();
    const err: any = await respond(token, { score: 1 }).catch((e) => e);
    expect(err).to.be.instanceOf(SurveyStateError).and.include({ code: 'SURVEY_ALREADY_ANSWERED' });
    expect(kit.events.all).to.be.empty;
    expect(await kit.db('survey_responses')).to.have.length(1);
  });

  it('a tampered, foreign-purpose or expired link is refused; nothing stored or emitted', async () => {
    const { kit } = sd;
    const ticket = await sd.closedTicket();
    const { survey, token } = await sd.surveyOf(ticket.id);
    kit.events.clear();
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.surveyId = uuidv4();
    const attempts = [
      `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
      `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
      'not-a-token',
      '',
    ];
    for (const bad of attempts) {
      const err: any = await respond(bad, { score: 5 }).catch((e) => e);
      expect(err, bad).to.be.instanceOf(SurveyLinkError).and.include({ code: 'SURVEY_LINK_INVALID', field: 'token' });
    }
    // After the survey's 14 days the link has expired (and the survey is over).
    const later = new Date(survey.expiresAt.getTime() + 1000);
    const expired: any = await respond(token, { score: 5 }, { clock: () => later }).catch((e) => e);
    expect(expired).to.be.instanceOf(SurveyLinkError).and.include({ code: 'SURVEY_LINK_EXPIRED' });
    // Another tenant cannot use this tenant's link.
    const foreign: any = await respond(token, { score: 5 }, { tenantId: uuidv4() }).catch((e) => e);
    expect(foreign.code).to.equal('SURVEY_NOT_FOUND');
    expect(kit.events.all).to.be.empty;
    expect(await kit.db('survey_responses')).to.be.empty;
  });

  it('a score off the type\'s scale names the field: CSAT 1–5 whole, NPS 0–10 whole, custom 0–100', async () => {
    const { kit } = sd;
    const { token } = await sd.surveyOf((await sd.closedTicket()).id);
    const nps = await sd.run(() => sd.surveys.send({ surveyType: 'nps', recipientId: sd.desk.contactId }));
    const npsToken = tokenOf(await sd.run(() => sd.surveys.linkFor(nps.survey.id)));
    kit.events.clear();
    for (const [t, score] of [[token, 0], [token, 6], [token, 4.5], [token, '5'], [npsToken, 11], [npsToken, -1]] as Array<[string, unknown]>) {
      const err: any = await respond(t, { score }).catch((e) => e);
      expect(err, String(score)).to.be.instanceOf(SurveyInputError).and.include({ field: 'score' });
    }
    const long: any = await respond(token, { score: 3, comment: 'x'.repeat(5001) }).catch((e) => e);
    expect(long.field).to.equal('comment');
    expect(kit.events.all).to.be.empty;
    await respond(npsToken, { score: 0 });
    expect(kit.events).to.have.emitted('SURVEY_RESPONSE_RECEIVED').withPayload({ surveyId: nps.survey.id, score: 0 }).times(1);
    expect(kit.events.payloads('SURVEY_RESPONSE_RECEIVED')[0]).not.to.have.property('ticketId');
  });

  if (target.name === 'postgres') {
    it('race: two answers at once record one response and one event', async () => {
      const { kit } = sd;
      const { token } = await sd.surveyOf((await sd.closedTicket()).id);
      kit.events.clear();
      const results = await Promise.allSettled([respond(token, { score: 5 }), respond(token, { score: 1 })]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect(kit.events.ofType('SURVEY_RESPONSE_RECEIVED')).to.have.length(1);
      expect(await kit.db('survey_responses')).to.have.length(1);
    });
  }
});
