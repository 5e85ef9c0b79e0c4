import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { SurveyInputError } from '../surveys/survey-errors';
import { DEFAULT_SURVEY_SETTINGS, SurveySettings } from './survey-settings';

const WHOLE: Array<[keyof SurveySettings, number, number]> = [
  ['validDays', 1, 365],
  ['reminderIntervalHours', 1, 24 * 90],
  ['maxReminders', 0, 10],
  ['csatMinResponses', 1, 10_000],
];

/** Reads and changes a tenant's survey rules. A setting, not a business event: emits nothing. */
@injectable()
export class SurveySettingsService {
  constructor(private readonly uow: UnitOfWork) {}

  async get(tenant = currentTenant('SurveySettingsService.get')): Promise<SurveySettings> {
    const row = await this.uow.db('survey_settings').where({ tenant }).first();
    if (!row) return { ...DEFAULT_SURVEY_SETTINGS };
    return {
      validDays: Number(row.valid_days),
      reminderIntervalHours: Number(row.reminder_interval_hours),
      maxReminders: Number(row.max_reminders),
      csatOnClose: Boolean(row.csat_on_close),
      csatThreshold: Number(row.csat_threshold),
      csatMaxDrop: row.csat_max_drop === null ? null : Number(row.csat_max_drop),
      csatMinResponses: Number(row.csat_min_responses),
    };
  }

  /** Changes some settings; throws SurveyInputError naming the field (nothing written). */
  async configure(patch: Partial<SurveySettings>): Promise<SurveySettings> {
    const tenant = currentTenant('SurveySettingsService.configure');
    const next = { ...(await this.get(tenant)), ...patch };
    for (const [field, min, max] of WHOLE) {
      const v = next[field] as number;
      if (!Number.isInteger(v) || v < min || v > max) throw new SurveyInputError(field, `must be a whole number from ${min} to ${max}`);
    }
    if (typeof next.csatThreshold !== 'number' || !(next.csatThreshold >= 0 && next.csatThreshold <= 100)) throw new SurveyInputError('csatThreshold', 'must be a percentage from 0 to 100');
    if (next.csatMaxDrop !== null && !(typeof next.csatMaxDrop === 'number' && next.csatMaxDrop > 0 && next.csatMaxDrop <= 100)) {
      throw new SurveyInputError('csatMaxDrop', 'must be null or percentage points from 0 (exclusive) to 100');
    }
    if (typeof next.csatOnClose !== 'boolean') throw new SurveyInputError('csatOnClose', 'must be true or false');
    const row = {
      valid_days: next.validDays,
      reminder_interval_hours: next.reminderIntervalHours,
      max_reminders: next.maxReminders,
      csat_on_close: next.csatOnClose,
      csat_threshold: next.csatThreshold,
      csat_max_drop: next.csatMaxDrop,
      csat_min_responses: next.csatMinResponses,
    };
    await this.uow.db('survey_settings').insert({ tenant, ...row }).onConflict('tenant').merge(Object.keys(row));
    return next;
  }
}
