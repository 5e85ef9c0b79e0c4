import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { SurveyService } from '../../../domains/surveys';
import { withEmissionContext } from '../../../lib/emission/emission-context';
import { createServer } from '../../../src/http/server';
import { forEachDatabase } from '../../support/databases';
import { createTestApp } from '../../tooling/support/app';

forEachDatabase('surveys: the answer link route', (target) => {
  it('GET shows what to ask; POST records the answer as the contact; tampered 401, second answer 409, bad score 400', async () => {
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const tenantId = uuidv4();
      const contact = uuidv4();
      const url = await withEmissionContext({ tenantId, actorUserId: uuidv4() }, async () => {
        const surveys = app.runtime.resolve(SurveyService);
        const { survey } = await surveys.send({ surveyType: 'nps', recipientId: contact });
        return surveys.linkFor(survey.id);
      });
      const token = new URL(url).searchParams.get('token')!;
      const path = `/surveys/respond?token=${token}`;

      const ask = await server.inject({ method: 'GET', url: path });
      expect(ask.statusCode, ask.body).to.equal(200);
      expect(ask.json()).to.deep.include({ surveyType: 'nps', status: 'sent', scale: { min: 0, max: 10, whole: true } });

      const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      const bad = await server.inject({ method: 'POST', url: '/surveys/respond', payload: { token: tampered, score: 9 } });
      expect(bad.statusCode).to.equal(401);
      expect(bad.json()).to.include({ error: 'SURVEY_LINK_INVALID' });
      expect((await server.inject({ method: 'POST', url: '/surveys/respond', payload: { score: 9 } })).statusCode).to.equal(401);
      const offScale = await server.inject({ method: 'POST', url: '/surveys/respond', payload: { token, score: 11 } });
      expect(offScale.statusCode).to.equal(400);
      expect(offScale.json()).to.include({ field: 'score' });

      const ok = await server.inject({ method: 'POST', url: '/surveys/respond', payload: { token, score: 9, comment: 'Great team' } });
      expect(ok.statusCode, ok.body).to.equal(201);
      expect(ok.json()).to.include({ score: 9 });
      const row = await app.runtime.db('survey_responses').first();
      expect(row).to.include({ tenant: tenantId, comment: 'Great team' });
      // Answered as the contact the survey went to.
      const outbox = await app.runtime.db('event_outbox').where({ event_type: 'SURVEY_RESPONSE_RECEIVED' }).first();
      const payload = typeof outbox.payload === 'string' ? JSON.parse(outbox.payload) : outbox.payload;
      expect(payload).to.include({ actorContactId: contact, actorType: 'CONTACT', score: 9 });

      const twice = await server.inject({ method: 'POST', url: '/surveys/respond', payload: { token, score: 3 } });
      expect(twice.statusCode).to.equal(409);
      expect(twice.json()).to.include({ error: 'SURVEY_ALREADY_ANSWERED' });
    } finally {
      await server.close();
      await dispose();
    }
  });
});
