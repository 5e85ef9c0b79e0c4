import { injectable } from 'tsyringe';
import { actionTime, currentTenant, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ContractInputError } from './contract-errors';
import { DEFAULT_RENEWAL_SETTINGS, MAX_RENEWAL_NOTICE_DAYS, RenewalSettings } from './renewal-settings';

/**
 * The acting tenant's renewal lead time: how many days ahead of a term's end date
 * CONTRACT_RENEWAL_UPCOMING warns. No event: settings are configuration. The time zone the days
 * are counted in is the tenant's billing time zone (BillingSettingsService.configure).
 */
@injectable()
export class RenewalSettingsService {
  constructor(private readonly uow: UnitOfWork) {}

  async get(): Promise<RenewalSettings> {
    const tenant = currentTenant('RenewalSettingsService.get');
    const row = await this.uow.db('billing_contract_settings').where({ tenant }).first();
    return row ? { renewalNoticeDays: Number(row.renewal_notice_days) } : { ...DEFAULT_RENEWAL_SETTINGS };
  }

  /**
   * Sets the lead time. Staff only. Refuses, naming `renewalNoticeDays`, anything but a whole
   * number of 1–365 days. Notices already sent stay sent; the new lead time applies from the next sweep.
   */
  async set(settings: RenewalSettings): Promise<RenewalSettings> {
    const tenant = currentTenant('RenewalSettingsService.set');
    requireStaff('RenewalSettingsService.set');
    const days = settings?.renewalNoticeDays;
    if (!Number.isSafeInteger(days) || days < 1 || days > MAX_RENEWAL_NOTICE_DAYS) {
      throw new ContractInputError('renewalNoticeDays', `must be a whole number of days from 1 to ${MAX_RENEWAL_NOTICE_DAYS}`);
    }
    const row = { tenant, renewal_notice_days: days, updated_at: actionTime() };
    await this.uow.db('billing_contract_settings').insert(row).onConflict('tenant').merge(['renewal_notice_days', 'updated_at']);
    return { renewalNoticeDays: days };
  }
}
