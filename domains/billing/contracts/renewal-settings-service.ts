import { IANAZone } from 'luxon';
import { injectable } from 'tsyringe';
import { actionTime, currentTenant, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ContractInputError } from './contract-errors';
import { DEFAULT_RENEWAL_SETTINGS, MAX_RENEWAL_NOTICE_DAYS, RenewalSettings } from './renewal-settings';

/**
 * The acting tenant's renewal settings: how many days ahead CONTRACT_RENEWAL_UPCOMING warns,
 * and the time zone its calendar days are counted in. No event: settings are configuration.
 */
@injectable()
export class RenewalSettingsService {
  constructor(private readonly uow: UnitOfWork) {}

  async get(): Promise<RenewalSettings> {
    const tenant = currentTenant('RenewalSettingsService.get');
    const row = await this.uow.db('billing_contract_settings').where({ tenant }).first();
    return row ? { renewalNoticeDays: Number(row.renewal_notice_days), timeZone: row.time_zone } : { ...DEFAULT_RENEWAL_SETTINGS };
  }

  /**
   * Changes the settings (absent fields keep their value). Refuses, naming the field, a
   * `renewalNoticeDays` that is not a whole number of 1–365, or a `timeZone` that is not an IANA name.
   * Notices already sent stay sent; the new lead time applies from the next sweep.
   */
  async set(patch: Partial<RenewalSettings>): Promise<RenewalSettings> {
    const tenant = currentTenant('RenewalSettingsService.set');
    requireStaff('RenewalSettingsService.set');
    const next = { ...(await this.get()), ...definedOnly(patch) };
    if (!Number.isSafeInteger(next.renewalNoticeDays) || next.renewalNoticeDays < 1 || next.renewalNoticeDays > MAX_RENEWAL_NOTICE_DAYS) {
      throw new ContractInputError('renewalNoticeDays', `must be a whole number of days from 1 to ${MAX_RENEWAL_NOTICE_DAYS}`);
    }
    if (typeof next.timeZone !== 'string' || !IANAZone.isValidZone(next.timeZone)) throw new ContractInputError('timeZone', 'must be an IANA time zone name such as Europe/Berlin');
    const row = { tenant, renewal_notice_days: next.renewalNoticeDays, time_zone: next.timeZone, updated_at: actionTime() };
    await this.uow.db('billing_contract_settings').insert(row).onConflict('tenant').merge(['renewal_notice_days', 'time_zone', 'updated_at']);
    return next;
  }
}

const definedOnly = (patch: Partial<RenewalSettings>): Partial<RenewalSettings> =>
  Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined)) as Partial<RenewalSettings>;
