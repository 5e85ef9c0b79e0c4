/** The surveys domain model: what services return and mappers read. */

export const SURVEY_TYPES = ['csat', 'nps', 'custom'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/** sent: waiting for an answer; responded: answered (once); expired: closed unanswered. */
export type SurveyStatus = 'sent' | 'responded' | 'expired';

/**
 * The answer scale of each type: CSAT 1–5 (4 and 5 count as satisfied), NPS 0–10 (the standard
 * Net Promoter question), custom 0–100. Scores are whole numbers except for custom surveys.
 */
export const SCORE_SCALES: Readonly<Record<SurveyType, { min: number; max: number; whole: boolean }>> = {
  csat: { min: 1, max: 5, whole: true },
  nps: { min: 0, max: 10, whole: true },
  custom: { min: 0, max: 100, whole: false },
};

export interface Survey {
  id: string;
  tenantId: string;
  surveyType: SurveyType;
  /** The client contact asked. */
  recipientId: string;
  ticketId?: string;
  /** Whose work is rated: the ticket's assignee user or team when the survey was sent. */
  agentId?: string;
  teamId?: string;
  templateId?: string;
  /** How it reaches the recipient (`email`, `portal`). */
  channel: string;
  status: SurveyStatus;
  sentAt: Date;
  expiresAt: Date;
  remindersSent: number;
  maxReminders: number;
  nextReminderAt?: Date;
  respondedAt?: Date;
  expiredAt?: Date;
}

export interface SurveyResponse {
  id: string;
  surveyId: string;
  score: number;
  comment?: string;
  respondedAt: Date;
}

/** What sending a survey takes. */
export interface SendSurveyInput {
  surveyType: SurveyType;
  recipientId: string;
  ticketId?: string;
  agentId?: string;
  teamId?: string;
  templateId?: string;
}

/** The result of `send`: the survey, and whether this call created it (false: the ticket already had one). */
export interface SentSurvey {
  survey: Survey;
  created: boolean;
}

/** A reminder the sweeper claimed: the survey after the claim, with the reminder's number. */
export interface SurveyReminder {
  survey: Survey;
  reminderNumber: number;
  sentAt: Date;
}
