import { expect } from 'chai';
import { CsatAlertService } from '../../../domains/surveys';
import { forEachDatabase } from '../../support/databases';
import { ISO_DATE_TIME } from '../tickets/help-desk';
import { freshSurveyDeskPerTest, tokenOf } from './survey-desk';

// Tuesdays of two ISO weeks of one month (UTC).
const WEEK1 = new Date('2026-03-03T10:00:00Z');
const WEEK2 = new Date('2026-03-10T10:00:00Z');

forEachDatabase('surveys: CSAT alerts per agent, team and organisation', (target) => {
  const sd = freshSurveyDeskPerTest(target);
  const alerts = () => sd.kit.events.payloads<Record<string, unknown>>('CSAT_ALERT_TRIGGERED');
  const key = (p: Record<string, unknown>) => `${p.scopeType}/${p.window}`;

  it('a low score drops agent and organisation below the threshold: one CSAT_ALERT_TRIGGERED per scope and window', async () => {
    const { kit } = sd;
    await sd.answered(2, undefined, WEEK2);
    expect(alerts().map(key).sort()).to.deep.equal(['agent/daily', 'agent/monthly', 'agent/weekly', 'org/daily', 'org/monthly', 'org/weekly']);
    expect(kit.events).to.have.emitted('CSAT_ALERT_TRIGGERED').withPayload({
      window: 'weekly',
      score: 0,
      threshold: 80,
      triggeredAt: ISO_DATE_TIME,
      scopeType: 'agent',
      scopeId: sd.technicianId,
      tenantId: kit.tenantId,
      actorType: 'SYSTEM',
    }).times(1);
    const org = alerts().find((p) => key(p) === 'org/daily')!;
    expect(org).not.to.have.property('scopeId');
    expect(org).not.to.have.property('baseline');
    // Caused by the response, on the worker.
    const [response] = kit.events.ofType('SURVEY_RESPONSE_RECEIVED');
    expect(kit.events.ofType('CSAT_ALERT_TRIGGERED').every((e) => e.causationId === response.id)).to.equal(true);

    const recent = await sd.run(() => kit.resolve(CsatAlertService).recent());
    expect(recent.map((a) => `${a.scopeType}/${a.window}`).sort()).to.deep.equal(alerts().map(key).sort());
    expect(recent.find((a) => a.scopeType === 'agent')).to.include({ scopeId: sd.technicianId, score: 0, threshold: 80, responses: 1 });

    // Another low score in the same periods: no second alert.
    await sd.answered(1, undefined, new Date(WEEK2.getTime() + 3_600_000));
    expect(alerts()).to.have.length(6);
  });

  it('the previous period is the baseline: the alert carries it and the delta', async () => {
    const { kit } = sd;
    await sd.answered(5, undefined, WEEK1);
    expect(alerts()).to.be.empty;
    await sd.answered(1, undefined, WEEK2);
    expect(kit.events).to.have.emitted('CSAT_ALERT_TRIGGERED').withPayload({ scopeType: 'agent', window: 'weekly', score: 0, baseline: 100, delta: -100, threshold: 80 }).times(1);
    // Same month: 1 of 2 satisfied, no February answers to compare with.
    expect(kit.events).to.have.emitted('CSAT_ALERT_TRIGGERED').withPayload({ scopeType: 'agent', window: 'monthly', score: 50 }).times(1);
    expect(alerts().find((p) => key(p) === 'agent/monthly')).not.to.have.property('delta');
  });

  it('with a maximum drop, a fall from the baseline alerts even above the threshold', async () => {
    await sd.run(() => sd.settings.configure({ csatThreshold: 50, csatMaxDrop: 20 }));
    await sd.answered(5, undefined, WEEK1);
    await sd.answered(5, undefined, WEEK2);
    expect(alerts()).to.be.empty;
    await sd.answered(3, undefined, WEEK2);
    expect(alerts().map(key).sort()).to.deep.equal(['agent/weekly', 'org/weekly']);
    expect(sd.kit.events).to.have.emitted('CSAT_ALERT_TRIGGERED').withPayload({ scopeType: 'org', window: 'weekly', score: 50, baseline: 100, delta: -50, threshold: 50 }).times(1);
  });

  it('a team-assigned ticket rates the team; minimum responses hold alerts back; NPS answers never count', async () => {
    const { kit } = sd;
    await sd.answered(1, { id: sd.teamId, type: 'team' }, WEEK2);
    expect(kit.events).to.have.emitted('CSAT_ALERT_TRIGGERED').withPayload({ scopeType: 'team', scopeId: sd.teamId, window: 'daily' }).times(1);
    expect(alerts().map((p) => p.scopeType)).not.to.include('agent');

    kit.events.clear();
    await sd.run(() => sd.settings.configure({ csatMinResponses: 3 }));
    await sd.answered(1, undefined, new Date('2026-04-07T10:00:00Z'));
    const nps = await sd.run(() => sd.surveys.send({ surveyType: 'nps', recipientId: sd.desk.contactId }));
    const token = tokenOf(await sd.run(() => sd.surveys.linkFor(nps.survey.id)));
    await sd.kit.run(() => sd.surveys.respond(token, { score: 0 }), { actorUserId: undefined, actorContactId: sd.desk.contactId, actorType: 'CONTACT', clock: () => new Date('2026-04-07T11:00:00Z') });
    await sd.settle();
    expect(alerts()).to.be.empty;
  });

  if (target.name === 'postgres') {
    it('race: two evaluations at once raise each alert once', async () => {
      await sd.answered(1, undefined, WEEK2);
      sd.kit.events.clear();
      await sd.kit.db('csat_alerts').delete();
      const [survey] = await sd.kit.db('surveys');
      const evaluate = () => sd.run(async () => sd.kit.resolve(CsatAlertService).evaluate(await sd.surveys.get(survey.survey_id)));
      await Promise.all([evaluate(), evaluate(), evaluate()]);
      expect(alerts()).to.have.length(6);
      expect(await sd.kit.db('csat_alerts')).to.have.length(6);
    });
  }
});
