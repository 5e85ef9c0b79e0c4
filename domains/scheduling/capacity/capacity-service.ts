import { injectable } from 'tsyringe';
import { actionTime, currentTenant, isCalendarDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { checkUuid } from '../appointments/appointment-input';
import { ianaZone } from '../time/zoned-time';
import { SchedulingInputError } from '../scheduling-input-error';
import { TeamCapacity, TeamDayLoad } from './capacity';
import { CapacityLedger } from './capacity-ledger';

const DAY_MINUTES_MAX = 7 * 24 * 60;

/** Team capacity settings and day loads. Crossing the capacity is reported by the bookings themselves (CAPACITY_THRESHOLD_REACHED). */
@injectable()
export class CapacityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: CapacityLedger,
  ) {}

  /**
   * Sets how many minutes a team can take on per local day in `timezone`. Emits nothing: days
   * already booked over a lowered capacity are reported by their next booking change.
   */
  async setTeamCapacity(teamId: string, settings: { dailyMinutes: number; timezone: string }): Promise<TeamCapacity> {
    const tenant = currentTenant('CapacityService.setTeamCapacity');
    requireStaff('CapacityService.setTeamCapacity');
    checkUuid('teamId', teamId);
    if (!Number.isSafeInteger(settings?.dailyMinutes) || settings.dailyMinutes < 1 || settings.dailyMinutes > DAY_MINUTES_MAX) {
      throw new SchedulingInputError('dailyMinutes', `must be a whole number of minutes from 1 to ${DAY_MINUTES_MAX}`);
    }
    const timezone = ianaZone('timezone', settings.timezone).name;
    await this.uow
      .db('scheduling_team_capacity')
      .insert({ tenant, team_id: teamId, daily_minutes: settings.dailyMinutes, timezone, updated_at: actionTime() })
      .onConflict(['tenant', 'team_id'])
      .merge(['daily_minutes', 'timezone', 'updated_at']);
    return { teamId, dailyMinutes: settings.dailyMinutes, timezone };
  }

  async teamCapacity(teamId: string): Promise<TeamCapacity | undefined> {
    const tenant = currentTenant('CapacityService.teamCapacity');
    const row = await this.uow.db('scheduling_team_capacity').where({ tenant, team_id: teamId }).first();
    return row && { teamId, dailyMinutes: Number(row.daily_minutes), timezone: row.timezone };
  }

  /** The team's load on a local day (YYYY-MM-DD in the team's zone), counted from the appointments now. */
  async dayLoad(teamId: string, date: string): Promise<TeamDayLoad> {
    const tenant = currentTenant('CapacityService.dayLoad');
    if (!isCalendarDate(date)) throw new SchedulingInputError('date', 'must be a calendar date YYYY-MM-DD');
    const capacity = await this.teamCapacity(teamId);
    if (!capacity) throw new SchedulingInputError('teamId', 'has no capacity set');
    const row = await this.uow.db('scheduling_capacity_days').where({ tenant, team_id: teamId, day: date }).first();
    const bookedMinutes = await this.ledger.bookedMinutes({ teamId, date, timezone: capacity.timezone });
    return { teamId, date, capacityMinutes: capacity.dailyMinutes, bookedMinutes, reached: !!row?.reached };
  }
}
