import { injectable } from 'tsyringe';
import { actionTime, currentTenant, readDate, UnitOfWork } from '../../../lib/kit';
import { Assignee } from '../appointments/appointment';
import { Clash, ScheduleConflictError } from './calendar-errors';

type Window = { startAt: Date; endAt: Date };

/** Who a booking must not double-book: the appointments of `appointmentsOf`, the blocks of `blocksOf`. */
export interface CalendarClaim {
  appointmentsOf: Assignee[];
  blocksOf: Assignee[];
  /** The appointment being moved or handed over (it does not clash with itself). */
  exceptAppointmentId?: string;
  /** Book even if something overlaps. */
  force?: boolean;
}

const ownerKey = (o: Assignee) => `${o.type}:${o.id}`;

/**
 * Double-booking checks, race-safe: the calendars involved are locked (an upsert of their row,
 * in a fixed order) before looking for overlaps, so of two concurrent bookings for one
 * technician the second waits, then sees the first one's appointment.
 */
@injectable()
export class CalendarGuard {
  constructor(private readonly uow: UnitOfWork) {}

  /** Locks the calendars of the claim, then refuses the window if anything overlaps (unless forced). */
  async claim(window: Window, claim: CalendarClaim): Promise<void> {
    const owners = [...new Map([...claim.appointmentsOf, ...claim.blocksOf].map((o) => [ownerKey(o), o])).values()];
    await this.lock(owners);
    if (claim.force) return;
    const clashes = [...(await this.appointmentClashes(window, claim.appointmentsOf, claim.exceptAppointmentId)), ...(await this.blockClashes(window, claim.blocksOf))];
    if (clashes.length) throw new ScheduleConflictError(clashes.sort((a, b) => a.startAt.getTime() - b.startAt.getTime()));
  }

  /** Locks each owner's calendar row until commit, in one order for every caller (no deadlocks). */
  async lock(owners: Assignee[]): Promise<void> {
    const tenant = currentTenant('CalendarGuard.lock');
    const touchedAt = actionTime();
    for (const o of [...owners].sort((a, b) => ownerKey(a).localeCompare(ownerKey(b)))) {
      await this.uow
        .db('scheduling_calendars')
        .insert({ tenant, owner_type: o.type, owner_id: o.id, touched_at: touchedAt })
        .onConflict(['tenant', 'owner_type', 'owner_id'])
        .merge(['touched_at']);
    }
  }

  /**
   * Scheduled appointments of the owners overlapping the window: a user's are those assigned to
   * them; a team's are those booked against the team (a team can run several visits at once, so
   * team appointments only clash with the team's blocks, not with each other).
   */
  async appointmentClashes(window: Window, owners: Assignee[], exceptAppointmentId?: string): Promise<Clash[]> {
    const tenant = currentTenant('CalendarGuard.appointmentClashes');
    const clashes: Clash[] = [];
    for (const owner of owners) {
      const rows = await this.uow
        .db('appointments')
        .where({ tenant, status: 'scheduled' })
        .where(owner.type === 'user' ? { assignee_type: 'user', assignee_id: owner.id } : { team_id: owner.id })
        .where('start_at', '<', window.endAt)
        .where('end_at', '>', window.startAt)
        .modify((q) => (exceptAppointmentId ? q.whereNot('appointment_id', exceptAppointmentId) : q));
      clashes.push(...rows.map((r: any) => ({ kind: 'appointment' as const, id: r.appointment_id, owner, label: r.title, ...times(r) })));
    }
    return clashes;
  }

  /** Blocks of the owners overlapping the window. */
  async blockClashes(window: Window, owners: Assignee[]): Promise<Clash[]> {
    const tenant = currentTenant('CalendarGuard.blockClashes');
    const clashes: Clash[] = [];
    for (const owner of owners) {
      const rows = await this.uow
        .db('schedule_blocks')
        .where({ tenant, owner_type: owner.type, owner_id: owner.id })
        .where('start_at', '<', window.endAt)
        .where('end_at', '>', window.startAt);
      clashes.push(...rows.map((r: any) => ({ kind: 'block' as const, id: r.schedule_block_id, owner, label: r.reason ?? undefined, ...times(r) })));
    }
    return clashes;
  }
}

const times = (r: any) => ({ startAt: readDate(r.start_at)!, endAt: readDate(r.end_at)!, timezone: r.timezone as string });

/**
 * What an appointment of `assignee` (booking `teamId`'s capacity) must not overlap: a user's
 * other appointments, and the blocks of the user and of the team.
 */
export function appointmentClaim(assignee: Assignee | undefined, teamId: string | undefined, options: { exceptAppointmentId?: string; force?: boolean } = {}): CalendarClaim {
  const team: Assignee[] = teamId && !(assignee?.type === 'team' && assignee.id === teamId) ? [{ id: teamId, type: 'team' }] : [];
  return {
    appointmentsOf: assignee?.type === 'user' ? [assignee] : [],
    blocksOf: [...(assignee ? [assignee] : []), ...team],
    ...options,
  };
}
