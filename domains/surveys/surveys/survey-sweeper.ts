import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { SurveySettingsService } from '../settings/survey-settings-service';
import { Survey, SurveyReminder } from './survey';
import { remindersSent, surveysExpired } from './survey-mappers';
import { toSurvey } from './survey-rows';

const HOUR_MS = 3_600_000;

/**
 * The time-based side of surveys (`wfe sweep surveys`, and on an interval in `wfe serve`):
 * expires unanswered surveys whose window has closed (SURVEY_EXPIRED), then reminds the
 * unanswered ones whose reminder is due (SURVEY_REMINDER_SENT, numbered, at most the survey's
 * maximum). Each row is claimed with a conditional UPDATE, so overlapping sweeps emit once.
 */
@injectable()
export class SurveySweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: SurveySettingsService,
  ) {}

  @EmitsEvent('SURVEY_EXPIRED', surveysExpired)
  @EmitsEvent('SURVEY_REMINDER_SENT', remindersSent)
  async sweep(now: Date = actionTime()): Promise<{ count: number; expired: Survey[]; reminders: SurveyReminder[] }> {
    const expired = await this.expire(now);
    const reminders = await this.remind(now);
    return { count: expired.length + reminders.length, expired, reminders };
  }

  private async expire(now: Date, limit = 500): Promise<Survey[]> {
    const db = this.uow.db;
    const due = await db('surveys').where({ status: 'sent' }).where('expires_at', '<=', now).orderBy(['expires_at', 'survey_id']).limit(limit);
    const expired: Survey[] = [];
    for (const row of due) {
      const n = await db('surveys').where({ tenant: row.tenant, survey_id: row.survey_id, status: 'sent' }).update({ status: 'expired', expired_at: now, next_reminder_at: null });
      if (n) expired.push({ ...toSurvey(row), status: 'expired', expiredAt: now, nextReminderAt: undefined });
    }
    return expired;
  }

  private async remind(now: Date, limit = 500): Promise<SurveyReminder[]> {
    const db = this.uow.db;
    const due = await db('surveys')
      .where({ status: 'sent' })
      .where('next_reminder_at', '<=', now)
      .where('expires_at', '>', now)
      .whereRaw('reminders_sent < max_reminders')
      .orderBy(['next_reminder_at', 'survey_id'])
      .limit(limit);
    const reminders: SurveyReminder[] = [];
    const intervals = new Map<string, number>();
    for (const row of due) {
      const survey = toSurvey(row);
      if (!intervals.has(survey.tenantId)) intervals.set(survey.tenantId, (await this.settings.get(survey.tenantId)).reminderIntervalHours);
      const reminderNumber = survey.remindersSent + 1;
      const next = reminderNumber < survey.maxReminders ? new Date(now.getTime() + intervals.get(survey.tenantId)! * HOUR_MS) : null;
      // Claimed by its current count: a concurrent sweep that counted the same reminder updates nothing.
      const n = await db('surveys')
        .where({ tenant: survey.tenantId, survey_id: survey.id, status: 'sent', reminders_sent: survey.remindersSent })
        .update({ reminders_sent: reminderNumber, next_reminder_at: next });
      if (n) reminders.push({ survey: { ...survey, remindersSent: reminderNumber, nextReminderAt: next ?? undefined }, reminderNumber, sentAt: now });
    }
    return reminders;
  }
}
