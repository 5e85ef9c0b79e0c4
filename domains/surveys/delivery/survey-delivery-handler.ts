import { injectable } from 'tsyringe';
import { actionTime, OnEvent } from '../../../lib/kit';
import { SurveyReminderSentPayload, SurveySentPayload } from '../surveys/survey.events';
import { SurveyLinks } from '../surveys/survey-links';
import { SurveyNotFoundError } from '../surveys/survey-errors';
import { SurveyService } from '../surveys/survey-service';
import { SurveyDelivery } from './survey-delivery';

/**
 * On the worker, once per event: the invitation (SURVEY_SENT) and each reminder
 * (SURVEY_REMINDER_SENT) go to the contact through the bound SurveyDelivery, with a fresh
 * signed link that expires with the survey. A survey answered or expired meanwhile (or unknown) gets nothing.
 */
@injectable()
export class SurveyDeliveryHandler {
  constructor(
    private readonly surveys: SurveyService,
    private readonly links: SurveyLinks,
    private readonly delivery: SurveyDelivery,
  ) {}

  @OnEvent('SURVEY_SENT')
  async onSent(payload: SurveySentPayload): Promise<void> {
    await this.deliver(payload.surveyId, 0);
  }

  @OnEvent('SURVEY_REMINDER_SENT')
  async onReminder(payload: SurveyReminderSentPayload): Promise<void> {
    await this.deliver(payload.surveyId, payload.reminderNumber);
  }

  private async deliver(surveyId: string, reminderNumber: number): Promise<void> {
    const survey = await this.surveys.get(surveyId).catch((err) => {
      if (err instanceof SurveyNotFoundError) return undefined; // a `wfe simulate` sample
      throw err;
    });
    if (survey?.status !== 'sent') return;
    await this.delivery.deliver({ survey, url: await this.links.urlFor(survey, actionTime()), reminderNumber });
  }
}
