import { injectable } from 'tsyringe';
import { OnEvent } from '../../../lib/kit';
import { SurveyResponseReceivedPayload } from '../surveys/survey.events';
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
    await this.alerts.evaluate(await this.surveys.get(payload.surveyId));
  }
}
