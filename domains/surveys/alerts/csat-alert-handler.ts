import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { SurveyResponseReceivedPayload } from '../surveys/survey.events';
import { SurveyNotFoundError } from '../surveys/survey-errors';
import { SurveyService } from '../surveys/survey-service';
import { CsatAlertService } from './csat-alert-service';

/** On the worker, once per response: does it push a CSAT below the line? */
@injectable()
export class CsatAlertHandler {
  constructor(
    private readonly surveys: SurveyService,
    private readonly alerts: CsatAlertService,
  ) {}

  @OnEvent('SURVEY_RESPONSE_RECEIVED')
  async onResponse(payload: SurveyResponseReceivedPayload): Promise<void> {
    const survey = await this.surveys.get(payload.surveyId).catch((err) => {
      if (err instanceof SurveyNotFoundError) return undefined; // a `wfe simulate` sample
      throw err;
    });
    if (survey) await this.alerts.evaluate(survey);
  }
}
