import { isUUID } from 'class-validator';
import { DateTime, IANAZone } from 'luxon';
import { injectable } from 'tsyringe';
import { actionTime, currentActorType, currentTenant, currentUserId, requireStaff, UnitOfWork } from '../../../lib/kit';
import { BillingSettings, ConfigureBillingInput } from './billing-settings';
import { BillingAttributionError, BillingSettingsInputError } from './billing-settings-errors';

const DEFAULTS: BillingSettings = { timezone: 'UTC' };

/** Reads and writes a tenant's billing settings (no events: settings are configuration, not business facts). */
@injectable()
export class BillingSettingsService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Staff only. Validates the IANA zone (luxon) and the user id; nothing is written on a refusal. */
  async configure(input: ConfigureBillingInput): Promise<BillingSettings> {
    const tenant = currentTenant('BillingSettingsService.configure');
    requireStaff('BillingSettingsService.configure');
    if (input.timezone !== undefined && !IANAZone.isValidZone(input.timezone)) throw new BillingSettingsInputError('timezone', 'must be an IANA time zone such as Europe/Berlin');
    if (input.automationUserId != null && !isUUID(input.automationUserId, 'all')) throw new BillingSettingsInputError('automationUserId', 'must be a UUID');
    const current = await this.forTenant(tenant);
    const next = {
      tenant,
      timezone: input.timezone ?? current.timezone,
      automation_user_id: input.automationUserId === undefined ? current.automationUserId ?? null : input.automationUserId,
      updated_at: actionTime(),
    };
    await this.uow.db('billing_collection_settings').insert(next).onConflict('tenant').merge();
    return this.forTenant(tenant);
  }

  /** The acting tenant's settings (defaults when never configured). */
  get(): Promise<BillingSettings> {
    return this.forTenant(currentTenant('BillingSettingsService.get'));
  }

  /** A tenant's settings, for sweepers that run for no tenant. */
  async forTenant(tenant: string): Promise<BillingSettings> {
    const row = await this.uow.db('billing_collection_settings').where({ tenant }).first();
    if (!row) return { ...DEFAULTS };
    return { timezone: row.timezone, automationUserId: row.automation_user_id ?? undefined };
  }

  /** The tenant's calendar day (YYYY-MM-DD) at `at`. */
  async localDate(tenant: string, at: Date): Promise<string> {
    const { timezone } = await this.forTenant(tenant);
    return DateTime.fromJSDate(at, { zone: timezone }).toISODate()!;
  }

  /**
   * Who an action is attributed to in the spec's required user fields: the acting staff user; for
   * automatic actions (SYSTEM) the tenant's automationUserId, else the first of `fallbacks`.
   * @throws BillingAttributionError when there is nobody to name.
   */
  async attribute(action: string, ...fallbacks: Array<string | null | undefined>): Promise<{ userId: string; automatic: boolean }> {
    const userId = currentUserId();
    if (userId && currentActorType() === 'USER') return { userId, automatic: false };
    const settings = await this.get();
    const named = settings.automationUserId ?? fallbacks.find((f): f is string => !!f);
    if (!named) throw new BillingAttributionError(action);
    return { userId: named, automatic: true };
  }
}
