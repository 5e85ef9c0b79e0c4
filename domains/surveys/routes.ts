import type { FastifyReply } from 'fastify';
import { DomainError, DomainInputError, DomainNotFoundError, ModuleRoutes, withEmissionContext } from '../../lib/kit';
import { SCORE_SCALES } from './surveys/survey';
import { SurveyLinkError } from './surveys/survey-errors';
import { SurveyLinks } from './surveys/survey-links';
import { SurveyService } from './surveys/survey-service';

function refusal(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof DomainError)) throw err;
  const status = err instanceof SurveyLinkError ? 401 : err instanceof DomainInputError ? 400 : err instanceof DomainNotFoundError ? 404 : 409;
  return reply.code(status).send({ error: err.code, message: err.message, field: err.field });
}

/**
 * The answer link's target. Contacts have no credentials: the signed token in the link is the
 * credential (tampered, foreign or expired: 401, nothing stored).
 *
 * - `GET /surveys/respond?token=…`: what to ask (`surveyType`, the scale, whether it is still open).
 * - `POST /surveys/respond` `{ token, score, comment? }`: records the answer, as the contact
 *   (SURVEY_RESPONSE_RECEIVED); a second answer 409 SURVEY_ALREADY_ANSWERED, expired 409 SURVEY_EXPIRED.
 */
export const surveysRoutes: ModuleRoutes = (server, { runtime }) => {
  server.get<{ Querystring: { token?: string } }>('/surveys/respond', async (request, reply) => {
    try {
      const claims = await runtime.resolve(SurveyLinks).verify(request.query.token);
      const survey = await withEmissionContext({ tenantId: claims.tenant }, () => runtime.resolve(SurveyService).get(claims.surveyId));
      return { surveyId: survey.id, surveyType: survey.surveyType, scale: SCORE_SCALES[survey.surveyType], status: survey.status, expiresAt: survey.expiresAt.toISOString() };
    } catch (err) {
      return refusal(reply, err);
    }
  });

  server.post<{ Body: { token?: string; score?: unknown; comment?: unknown } | undefined }>('/surveys/respond', async (request, reply) => {
    const body = request.body ?? {};
    try {
      const claims = await runtime.resolve(SurveyLinks).verify(body.token);
      const surveys = runtime.resolve(SurveyService);
      const survey = await withEmissionContext({ tenantId: claims.tenant }, () => surveys.get(claims.surveyId));
      const contact = { tenantId: claims.tenant, actorContactId: survey.recipientId, actorType: 'CONTACT' as const };
      const { response } = await withEmissionContext(contact, () => surveys.respond(body.token!, { score: body.score, comment: body.comment }));
      return reply.code(201).send({ responseId: response.id, surveyId: survey.id, score: response.score });
    } catch (err) {
      return refusal(reply, err);
    }
  });
};
