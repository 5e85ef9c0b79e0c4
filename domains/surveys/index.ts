import 'reflect-metadata';
import { crmModule } from '../crm';
import { emailModule } from '../email';
import { ticketsModule } from '../tickets';
import { CsatAlertHandler } from './alerts/csat-alert-handler';
import { CsatAlertService } from './alerts/csat-alert-service';
import { csatAlertsMigration } from './alerts/csat-alert.migration';
import { EmailSurveyDelivery } from './delivery/email-survey-delivery';
import { SurveyDelivery } from './delivery/survey-delivery';
import { SurveyDeliveryHandler } from './delivery/survey-delivery-handler';
import { surveysDemo } from './demo';
import { surveys } from './module';
import { surveysRoutes } from './routes';
import { SurveySettingsService } from './settings/survey-settings-service';
import { surveySettingsMigration } from './settings/survey-settings.migration';
import { SurveyLinks } from './surveys/survey-links';
import { SurveyService } from './surveys/survey-service';
import { SurveySweeper } from './surveys/survey-sweeper';
import { surveysMigration } from './surveys/survey.migration';
import { TicketClosedSurveyHandler } from './surveys/ticket-closed-handler';

/** The surveys module's public surface: other modules and applications import only this file. */
export * from './surveys/survey.events';
export * from './alerts/csat.events';
export * from './surveys/survey';
export * from './alerts/csat';
export * from './surveys/survey-errors';
export * from './settings/survey-settings';
export { SurveyDelivery, SurveyInvitation, PortalSurveyDelivery } from './delivery/survey-delivery';
export { EmailSurveyDelivery } from './delivery/email-survey-delivery';
export { SurveyService } from './surveys/survey-service';
export { SurveyLinks, SurveyLinkClaims } from './surveys/survey-links';
export { SurveySweeper } from './surveys/survey-sweeper';
export { SurveySettingsService } from './settings/survey-settings-service';
export { CsatAlertService } from './alerts/csat-alert-service';

export const surveysModule = surveys.define({
  dependsOn: [ticketsModule, crmModule, emailModule],
  services: [SurveySettingsService, SurveyLinks, SurveyService, CsatAlertService],
  handlers: [TicketClosedSurveyHandler, SurveyDeliveryHandler, CsatAlertHandler],
  sweepers: [SurveySweeper],
  provides: [{ token: SurveyDelivery, useClass: EmailSurveyDelivery }],
  migrations: [surveysMigration, surveySettingsMigration, csatAlertsMigration],
  tables: ['surveys', 'survey_responses', 'survey_settings', 'csat_alerts'],
  routes: surveysRoutes,
  demo: surveysDemo,
});
