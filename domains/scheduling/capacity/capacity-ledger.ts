import { injectable } from 'tsyringe';
import { currentTenant, readDate, UnitOfWork } from '../../../lib/kit';
import { CapacityCrossing } from '../appointments/appointment';
import { localDayBounds, minutesPerLocalDay } from '../time/zoned-time';

/** A window a team's bookings gained or lost. */
export interface BookedSpan {
  teamId?: string;
  startAt: Date;
  endAt: Date;
}

interface TeamDay {
  teamId: string;
  date: string;
  timezone: string;
  dailyMinutes: number;
}

/** Appointments that occupy a team's time: every one not canceled (a no-show used the slot too). */
const OCCUPYING = ['scheduled', 'completed', 'no_show'];

/**
 * Booked minutes per team and local day, and the upward crossings of the team's capacity. Each
 * team-day row is locked (an upsert) before its minutes are recounted from the appointments, so
 * concurrent bookings of one team-day add up and only the one that crosses sees the crossing.
 */
@injectable()
export class CapacityLedger {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Recounts every team-day the spans touch (teams without a capacity are skipped) and returns
   * those that reached capacity with this action. A day that fell back under capacity is re-armed.
   */
  async recount(spans: BookedSpan[], at: Date): Promise<CapacityCrossing[]> {
    const tenant = currentTenant('CapacityLedger.recount');
    const crossings: CapacityCrossing[] = [];
    for (const day of await this.teamDays(spans)) {
      const db = this.uow.db;
      const key = { tenant, team_id: day.teamId, day: day.date };
      // The upsert takes the row lock that orders concurrent recounts of this team-day.
      await db('scheduling_capacity_days').insert({ ...key, booked_minutes: 0, reached: false, updated_at: at }).onConflict(['tenant', 'team_id', 'day']).merge(['updated_at']);
      const row = await db('scheduling_capacity_days').where(key).first();
      const booked = await this.bookedMinutes(day);
      const reached = booked >= day.dailyMinutes;
      await db('scheduling_capacity_days').where(key).update({ booked_minutes: booked, reached });
      if (reached && !row.reached) {
        crossings.push({ tenantId: tenant, teamId: day.teamId, date: day.date, capacityMinutes: day.dailyMinutes, bookedMinutes: booked, at });
      }
    }
    return crossings;
  }

  /** The team-days the spans touch, in one order for every caller (no deadlocks). */
  private async teamDays(spans: BookedSpan[]): Promise<TeamDay[]> {
    const tenant = currentTenant('CapacityLedger.teamDays');
    const teamIds = [...new Set(spans.map((s) => s.teamId).filter((t): t is string => !!t))];
    if (!teamIds.length) return [];
    const settings = await this.uow.db('scheduling_team_capacity').where({ tenant }).whereIn('team_id', teamIds);
    const byTeam = new Map(settings.map((s: any) => [s.team_id as string, s]));
    const days = new Map<string, TeamDay>();
    for (const span of spans) {
      const s = span.teamId && byTeam.get(span.teamId);
      if (!s) continue;
      for (const { date } of minutesPerLocalDay(span.startAt, span.endAt, s.timezone)) {
        days.set(`${s.team_id}|${date}`, { teamId: s.team_id, date, timezone: s.timezone, dailyMinutes: Number(s.daily_minutes) });
      }
    }
    return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d);
  }

  /** Minutes of the team's occupying appointments that fall on the local day. */
  async bookedMinutes(day: { teamId: string; date: string; timezone: string }): Promise<number> {
    const tenant = currentTenant('CapacityLedger.bookedMinutes');
    const { from, to } = localDayBounds(day.date, day.timezone);
    const rows = await this.uow
      .db('appointments')
      .where({ tenant, team_id: day.teamId })
      .whereIn('status', OCCUPYING)
      .where('start_at', '<', to)
      .where('end_at', '>', from)
      .select('start_at', 'end_at');
    const ms = rows.reduce((sum: number, r: any) => sum + Math.min(to.getTime(), readDate(r.end_at)!.getTime()) - Math.max(from.getTime(), readDate(r.start_at)!.getTime()), 0);
    return Math.round(ms / 60_000);
  }
}
