import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, forUpdate, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { SurveyDelivery } from '../delivery/survey-delivery';
import { SurveySettingsService } from '../settings/survey-settings-service';
import { SendSurveyInput, SentSurvey, Survey, SurveyResponse } from './survey';
import { SurveyNotFoundError, SurveyStateError } from './survey-errors';
import { checkAnswer, checkSend, checkUuid } from './survey-input';
import { SurveyLinks } from './survey-links';
import { responseReceived, surveySent } from './survey-mappers';
import { toSurvey } from './survey-rows';

const HOUR_MS = 3_600_000;

/**
 * Sending surveys and recording answers. A survey is valid for the tenant's `validDays` and is
 * reminded every `reminderIntervalHours` up to `maxReminders` times (SurveySweeper); the answer
 * comes through the signed link (`respond`).
 */
@injectable()
export class SurveyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: SurveySettingsService,
    private readonly links: SurveyLinks,
    private readonly delivery: SurveyDelivery,
  ) {}

  /**
   * Sends a survey (SURVEY_SENT; the worker then delivers the link). A ticket gets at most one
   * survey of each type: sending again returns the first with `created: false` and emits nothing.
   * Throws SurveyInputError naming the field.
   */
  @EmitsEvent('SURVEY_SENT', surveySent)
  async send(input: SendSurveyInput): Promise<SentSurvey> {
    const tenant = currentTenant('SurveyService.send');
    checkSend(input);
    const settings = await this.settings.get(tenant);
    const now = actionTime();
    const id = uuidv4();
    const row = {
      survey_id: id,
      tenant,
      survey_type: input.surveyType,
      recipient_id: input.recipientId,
      ticket_id: input.ticketId ?? null,
      agent_id: input.agentId ?? null,
      team_id: input.teamId ?? null,
      template_id: input.templateId ?? `${input.surveyType}.${input.ticketId ? 'ticket_closed' : 'invitation'}`,
      channel: await this.delivery.channelFor(input.recipientId),
      status: 'sent',
      sent_at: now,
      expires_at: new Date(now.getTime() + settings.validDays * 24 * HOUR_MS),
      reminders_sent: 0,
      max_reminders: settings.maxReminders,
      next_reminder_at: settings.maxReminders > 0 ? new Date(now.getTime() + settings.reminderIntervalHours * HOUR_MS) : null,
    };
    if (input.ticketId) {
      if (!(await insertIfAbsent(this.uow.db, 'surveys', row, ['tenant', 'ticket_id', 'survey_type']))) {
        const existing = await this.uow.db('surveys').where({ tenant, ticket_id: input.ticketId, survey_type: input.surveyType }).first();
        return { survey: toSurvey(existing), created: false };
      }
    } else {
      await this.uow.db('surveys').insert(row);
    }
    return { survey: await this.get(id), created: true };
  }

  /**
   * Records the answer given through a survey link: SURVEY_RESPONSE_RECEIVED with the score and
   * comment. Throws SurveyLinkError for a tampered, foreign or expired link, SurveyInputError
   * for a score off the type's scale, SurveyStateError when the survey was answered already
   * (SURVEY_ALREADY_ANSWERED) or has expired (SURVEY_EXPIRED). Run as the link's tenant.
   */
  @EmitsEvent('SURVEY_RESPONSE_RECEIVED', responseReceived)
  async respond(token: string, answer: { score: unknown; comment?: unknown }): Promise<{ survey: Survey; response: SurveyResponse }> {
    const tenant = currentTenant('SurveyService.respond');
    const now = actionTime();
    const claims = await this.links.verify(token, now);
    if (claims.tenant !== tenant) throw new SurveyNotFoundError(claims.surveyId);
    const survey = await this.get(claims.surveyId, { forUpdate: true });
    const { score, comment } = checkAnswer(survey.surveyType, answer);
    if (survey.status === 'responded') throw new SurveyStateError(`Survey ${survey.id} was answered already`, 'SURVEY_ALREADY_ANSWERED');
    if (survey.status === 'expired' || survey.expiresAt <= now) throw new SurveyStateError(`Survey ${survey.id} has expired`, 'SURVEY_EXPIRED');
    const updated = await this.uow.db('surveys').where({ tenant, survey_id: survey.id, status: 'sent' }).update({ status: 'responded', responded_at: now, next_reminder_at: null });
    if (!updated) throw new SurveyStateError(`Survey ${survey.id} was answered already`, 'SURVEY_ALREADY_ANSWERED');
    const response: SurveyResponse = { id: uuidv4(), surveyId: survey.id, score, comment, respondedAt: now };
    await this.uow.db('survey_responses').insert({
      response_id: response.id,
      tenant,
      survey_id: survey.id,
      survey_type: survey.surveyType,
      agent_id: survey.agentId ?? null,
      team_id: survey.teamId ?? null,
      score,
      comment: comment ?? null,
      responded_at: now,
    });
    return { survey: await this.get(survey.id), response };
  }

  async get(surveyId: string, options: { forUpdate?: boolean } = {}): Promise<Survey> {
    const tenant = currentTenant('SurveyService.get');
    checkUuid('surveyId', surveyId);
    let q = this.uow.db('surveys').where({ tenant, survey_id: surveyId });
    if (options.forUpdate) q = q.modify(forUpdate(this.uow.db));
    const row = await q.first();
    if (!row) throw new SurveyNotFoundError(surveyId);
    return toSurvey(row);
  }

  /** The survey a ticket got (of `surveyType`, default csat), if any. */
  async forTicket(ticketId: string, surveyType: Survey['surveyType'] = 'csat'): Promise<Survey | undefined> {
    const tenant = currentTenant('SurveyService.forTicket');
    checkUuid('ticketId', ticketId);
    const row = await this.uow.db('surveys').where({ tenant, ticket_id: ticketId, survey_type: surveyType }).first();
    return row ? toSurvey(row) : undefined;
  }

  /** The contact's unanswered, unexpired surveys with their links, for the client portal. */
  async openFor(recipientId: string): Promise<Array<{ survey: Survey; url: string }>> {
    const tenant = currentTenant('SurveyService.openFor');
    checkUuid('recipientId', recipientId);
    const now = actionTime();
    const rows = await this.uow.db('surveys').where({ tenant, recipient_id: recipientId, status: 'sent' }).where('expires_at', '>', now).orderBy('sent_at');
    return Promise.all(rows.map(toSurvey).map(async (survey) => ({ survey, url: await this.links.urlFor(survey, now) })));
  }

  /** The answer link of a survey still open; SurveyStateError once answered or expired. */
  async linkFor(surveyId: string): Promise<string> {
    const survey = await this.get(surveyId);
    if (survey.status !== 'sent') throw new SurveyStateError(`Survey ${surveyId} is ${survey.status}: it has no open link`);
    return this.links.urlFor(survey, actionTime());
  }
}
