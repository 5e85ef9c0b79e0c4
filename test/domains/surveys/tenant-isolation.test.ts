import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { SurveyNotFoundError } from '../../../domains/surveys';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { freshSurveyDeskPerTest, tokenOf } from './survey-desk';

forEachDatabase("surveys: one tenant cannot reach another tenant's surveys", (target) => {
  const sd = freshSurveyDeskPerTest(target);

  it('every statement of the survey services and handlers is scoped by tenant (the sweeper works across tenants by design)', async () => {
    const unscoped = await unscopedQueries(sd.kit.db, async () => {
      await sd.answered(1);
      const nps = await sd.run(() => sd.surveys.send({ surveyType: 'nps', recipientId: sd.desk.contactId }));
      await sd.run(() => sd.surveys.openFor(sd.desk.contactId));
      await sd.run(() => sd.surveys.linkFor(nps.survey.id));
    });
    expect(unscoped.filter((sql) => /survey|csat/.test(sql))).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's surveys and links", async () => {
    const ticket = await sd.closedTicket();
    const { survey, url } = await sd.surveyOf(ticket.id);
    const tenantB = { tenantId: uuidv4() };
    expect(await sd.run(() => sd.surveys.get(survey.id), tenantB).catch((e) => e)).to.be.instanceOf(SurveyNotFoundError);
    expect(await sd.run(() => sd.surveys.respond(tokenOf(url), { score: 5 }), tenantB).catch((e) => e)).to.be.instanceOf(SurveyNotFoundError);
    expect(await sd.run(() => sd.surveys.forTicket(ticket.id), tenantB)).to.equal(undefined);
  });
});
