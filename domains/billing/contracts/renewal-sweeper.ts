import { DateTime } from 'luxon';
import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { dayIn, daysFromTo, startOfDayIn } from './calendar-day';
import { RenewalNotice } from './renewal';
import { renewalsUpcoming } from './renewal-mappers';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { DEFAULT_RENEWAL_SETTINGS, MAX_RENEWAL_NOTICE_DAYS } from './renewal-settings';

/** Contracts whose term can still renew: a draft is not signed yet, terminated and expired ones are over. */
const RENEWABLE = ['active', 'suspended'];

/**
 * Emits CONTRACT_RENEWAL_UPCOMING once per contract term, from N calendar days before its end
 * date (N per tenant: RenewalSettingsService, default 30; days of the tenant's billing time zone:
 * BillingSettingsService, default UTC) until the end date itself. A sweep that runs late still notifies, with the days actually left; a term
 * whose end date has passed gets no notice. Exactly once: each notice is claimed by inserting its
 * (tenant, contract, term end date) key, so repeated and concurrent sweeps emit it once, and a
 * later end date (a renewal) is a new term. Runs as `wfe sweep billing` and inside `wfe serve`.
 */
@injectable()
export class ContractRenewalSweeper {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly billingSettings: BillingSettingsService,
  ) {}

  @EmitsEvent('CONTRACT_RENEWAL_UPCOMING', renewalsUpcoming)
  async sweep(now: Date = actionTime()): Promise<RenewalNotice[]> {
    const db = this.uow.db;
    // A window wide enough for the longest lead time any tenant set and every zone (a day either
    // side); each row is then checked exactly against its own tenant's lead time and calendar.
    const longest = await db('billing_contract_settings').max({ days: 'renewal_notice_days' }).first();
    const leadDays = Math.min(MAX_RENEWAL_NOTICE_DAYS, Math.max(DEFAULT_RENEWAL_SETTINGS.renewalNoticeDays, Number(longest?.days ?? 0)));
    const utc = DateTime.fromJSDate(now, { zone: 'UTC' });
    const from = utc.minus({ days: 2 }).toISODate()!;
    const until = utc.plus({ days: leadDays + 2 }).toISODate()!;
    const due = await db('billing_contracts as c')
      .leftJoin('billing_contract_settings as s', 's.tenant', 'c.tenant')
      .leftJoin('billing_contract_renewal_notices as n', function () {
        this.on('n.tenant', '=', 'c.tenant').andOn('n.contract_id', '=', 'c.contract_id').andOn('n.term_end_date', '=', 'c.end_date');
      })
      .whereIn('c.status', RENEWABLE)
      .whereNotNull('c.end_date')
      .whereBetween('c.end_date', [from, until])
      .whereNull('n.contract_id')
      // A fixed order makes concurrent sweeps claim in the same sequence (no deadlock).
      .orderBy(['c.end_date', 'c.tenant', 'c.contract_id'])
      .select('c.tenant', 'c.contract_id', 'c.client_id', 'c.end_date', 's.renewal_notice_days');
    const claimed: RenewalNotice[] = [];
    const zones = new Map<string, string>();
    for (const row of due) {
      if (!zones.has(row.tenant)) zones.set(row.tenant, (await this.billingSettings.forTenant(row.tenant)).timezone);
      const zone = zones.get(row.tenant)!;
      const noticeDays = row.renewal_notice_days == null ? DEFAULT_RENEWAL_SETTINGS.renewalNoticeDays : Number(row.renewal_notice_days);
      const daysUntilRenewal = daysFromTo(dayIn(now, zone), row.end_date);
      if (daysUntilRenewal < 0 || daysUntilRenewal > noticeDays) continue;
      const notice: RenewalNotice = {
        tenantId: row.tenant,
        contractId: row.contract_id,
        clientId: row.client_id,
        termEndDate: row.end_date,
        renewalAt: startOfDayIn(row.end_date, zone),
        daysUntilRenewal,
      };
      const won = await insertIfAbsent(
        db,
        'billing_contract_renewal_notices',
        {
          tenant: notice.tenantId,
          contract_id: notice.contractId,
          term_end_date: notice.termEndDate,
          renewal_at: notice.renewalAt,
          days_until_renewal: daysUntilRenewal,
          notified_at: now,
        },
        ['tenant', 'contract_id', 'term_end_date'],
      );
      if (won) claimed.push(notice);
    }
    return claimed;
  }
}
