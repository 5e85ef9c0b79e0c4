import { iso } from '../../../lib/kit';
import { SentSurvey, Survey, SurveyReminder, SurveyResponse } from './survey';

const about = (s: Survey) => ({ surveyId: s.id, recipientId: s.recipientId, ticketId: s.ticketId });

/** A ticket that already had its survey emits nothing. */
export const surveySent = (r: SentSurvey) =>
  r.created ? { ...about(r.survey), surveyType: r.survey.surveyType, sentAt: iso(r.survey.sentAt), channel: r.survey.channel, templateId: r.survey.templateId } : undefined;

export const responseReceived = (r: { survey: Survey; response: SurveyResponse }) => ({
  ...about(r.survey),
  responseId: r.response.id,
  respondedAt: iso(r.response.respondedAt),
  score: r.response.score,
  comment: r.response.comment,
});

/** The sweeper works for no one: tenant from each survey, actor SYSTEM. */
const swept = (s: Survey) => ({ ...about(s), tenantId: s.tenantId, actorType: 'SYSTEM' as const });

export const remindersSent = (r: { reminders: SurveyReminder[] }) =>
  r.reminders.map((m) => ({ ...swept(m.survey), sentAt: iso(m.sentAt), channel: m.survey.channel, reminderNumber: m.reminderNumber }));

export const surveysExpired = (r: { expired: Survey[] }) => r.expired.map((s) => ({ ...swept(s), expiredAt: iso(s.expiredAt!) }));
