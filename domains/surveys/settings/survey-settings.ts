/** A tenant's survey rules. */
export interface SurveySettings {
  /** Days a survey can be answered; its link expires with it. */
  validDays: number;
  /** Hours between the send (or the previous reminder) and the next reminder. */
  reminderIntervalHours: number;
  /** Reminders per survey at most (0: none). */
  maxReminders: number;
  /** Send a CSAT survey to the contact when a ticket closes. */
  csatOnClose: boolean;
  /** CSAT (percent satisfied) below which an alert fires. */
  csatThreshold: number;
  /** Percentage points a CSAT may fall from the previous period before an alert fires; null: no baseline rule. */
  csatMaxDrop: number | null;
  /** Responses a period needs before its CSAT counts. */
  csatMinResponses: number;
}

export const DEFAULT_SURVEY_SETTINGS: Readonly<SurveySettings> = {
  validDays: 14,
  reminderIntervalHours: 72,
  maxReminders: 2,
  csatOnClose: true,
  csatThreshold: 80,
  csatMaxDrop: null,
  csatMinResponses: 1,
};
