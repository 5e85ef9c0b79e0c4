import { CountField, DateTimeField, DomainPayload, EnumField, NumberField, StringField, UuidField } from '../../../lib/kit';
import { surveys } from '../module';
import { SURVEY_TYPES, SurveyType } from './survey';

/** Every survey event names the survey, its recipient and the ticket it is about, if any. */
abstract class SurveyPayload extends DomainPayload {
  @UuidField({ description: 'The survey (one question set sent to one recipient)' }) surveyId!: string;
  @UuidField({ description: 'Client contact the survey was sent to' }) recipientId!: string;
  @UuidField({ optional: true, description: 'Ticket the survey asks about; absent for relationship (NPS) or custom surveys' }) ticketId?: string;
}

@surveys.event({
  type: 'SURVEY_SENT',
  name: 'Survey Sent',
  subject: 'surveyId',
  description:
    'A survey went out to a client contact with a signed, expiring answer link: a CSAT survey when a ticket closes ' +
    '(one per ticket), or an NPS or custom survey sent by staff. Reminders for the same survey are ' +
    'SURVEY_REMINDER_SENT; the answer is SURVEY_RESPONSE_RECEIVED.',
})
export class SurveySentPayload extends SurveyPayload {
  @EnumField(SURVEY_TYPES, { description: 'csat: 1–5 after a ticket; nps: 0–10 Net Promoter; custom: 0–100' }) surveyType!: SurveyType;
  @DateTimeField() sentAt!: string;
  @StringField({ description: 'How the link reaches the contact', examples: ['email', 'portal'] }) channel!: string;
  @StringField({ optional: true, description: 'Template of the invitation', examples: ['csat.ticket_closed'] }) templateId?: string;
}

@surveys.event({
  type: 'SURVEY_RESPONSE_RECEIVED',
  name: 'Survey Response Received',
  subject: 'surveyId',
  description:
    'The contact answered a survey through its link: the score on the survey type\'s scale (CSAT 1–5, NPS 0–10, ' +
    'custom 0–100) and an optional comment. At most one per survey; a second answer, an expired survey or a ' +
    'tampered link is refused and emits nothing. Falling CSAT scores raise CSAT_ALERT_TRIGGERED.',
})
export class SurveyResponseReceivedPayload extends SurveyPayload {
  @UuidField({ description: 'The stored response' }) responseId!: string;
  @DateTimeField() respondedAt!: string;
  @NumberField({ description: 'Score on the survey type\'s scale', examples: [5, 2, 9] }) score!: number;
  @StringField({ optional: true, description: 'Free-text comment, as written' }) comment?: string;
}

@surveys.event({
  type: 'SURVEY_REMINDER_SENT',
  name: 'Survey Reminder Sent',
  subject: 'surveyId',
  description:
    'The survey sweeper nudged a contact who has not answered yet: numbered from 1, at most the tenant\'s maximum ' +
    'per survey, spaced by the reminder interval, never after the survey expired. Exactly once per survey and ' +
    'number even when sweeps overlap.',
})
export class SurveyReminderSentPayload extends SurveyPayload {
  @DateTimeField() sentAt!: string;
  @StringField({ description: 'How the reminder reaches the contact', examples: ['email', 'portal'] }) channel!: string;
  @CountField({ description: '1 for the first reminder of the survey, 2 for the second, …', example: 1 }) reminderNumber!: number;
}

@surveys.event({
  type: 'SURVEY_EXPIRED',
  name: 'Survey Expired',
  subject: 'surveyId',
  description:
    'A survey reached the end of its answer window without a response; its link no longer works. Emitted by the ' +
    'survey sweeper, exactly once per survey. Answered surveys never expire.',
})
export class SurveyExpiredPayload extends SurveyPayload {
  @DateTimeField() expiredAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    SURVEY_SENT: SurveySentPayload;
    SURVEY_RESPONSE_RECEIVED: SurveyResponseReceivedPayload;
    SURVEY_REMINDER_SENT: SurveyReminderSentPayload;
    SURVEY_EXPIRED: SurveyExpiredPayload;
  }
}
