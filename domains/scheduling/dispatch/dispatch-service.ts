import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, insertIfAbsent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { AppointmentStateError } from '../appointments/appointment-errors';
import { optionalText } from '../appointments/appointment-input';
import { AppointmentRepository } from '../appointments/appointment-repository';
import { checkEta, checkLocation } from './dispatch-input';
import { VisitStateError } from './dispatch-errors';
import { technicianArrived, technicianCheckedOut, technicianDispatched, technicianEnRoute } from './dispatch-mappers';
import { GeoLocation, Visit, VisitState } from './visit';
import { VisitRepository } from './visit-repository';

/**
 * A technician's field visit for a scheduled appointment: dispatched → en route → arrived →
 * checked out, each step once and in that order (a step out of order or repeated is refused).
 * Steps may be reported by the technician or by a dispatcher for them.
 */
@injectable()
export class DispatchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly appointments: AppointmentRepository,
    private readonly visits: VisitRepository,
  ) {}

  /** Sends the appointment's technician (the user it is assigned to). Once per appointment. */
  @EmitsEvent('TECHNICIAN_DISPATCHED', technicianDispatched)
  async dispatch(appointmentId: string): Promise<Visit> {
    const tenant = currentTenant('DispatchService.dispatch');
    const actorUserId = requireStaff('DispatchService.dispatch');
    const action = 'dispatch a technician to';
    const a = await this.appointments.getScheduled(appointmentId, action);
    if (a.assignee?.type !== 'user') {
      throw new AppointmentStateError(appointmentId, a.status, action, a.assignee ? `it is assigned to team ${a.assignee.id}; assign it to a technician first` : 'it has no technician; assign one first');
    }
    const visit = { appointment_id: appointmentId, tenant, technician_user_id: a.assignee.id, state: 'dispatched', dispatched_by_user_id: actorUserId, dispatched_at: actionTime() };
    // The primary key decides between two concurrent dispatches.
    if (!(await insertIfAbsent(this.uow.db, 'appointment_visits', visit, ['appointment_id']))) {
      throw new VisitStateError(appointmentId, (await this.visits.find(appointmentId))?.state, 'dispatch a technician');
    }
    return (await this.visits.find(appointmentId, a.ticketId))!;
  }

  /** The technician set off; `eta` (not before now) is when they expect to arrive. */
  @EmitsEvent('TECHNICIAN_EN_ROUTE', technicianEnRoute)
  async startTravel(appointmentId: string, options: { eta?: string | Date } = {}): Promise<Visit> {
    requireStaff('DispatchService.startTravel');
    const at = actionTime();
    const eta = checkEta(options?.eta, at);
    return this.step(appointmentId, 'report the technician en route', 'dispatched', 'en_route', { en_route_at: at, eta: eta ?? null });
  }

  /** The technician checked in on site, optionally where (a phone's GPS position). */
  @EmitsEvent('TECHNICIAN_ARRIVED', technicianArrived)
  async arrive(appointmentId: string, options: { location?: GeoLocation } = {}): Promise<Visit> {
    requireStaff('DispatchService.arrive');
    const location = checkLocation(options?.location);
    return this.step(appointmentId, 'check the technician in', 'en_route', 'arrived', { arrived_at: actionTime(), arrival_location: location ? JSON.stringify(location) : null });
  }

  /** The technician finished on site and left, optionally with a summary of the work. */
  @EmitsEvent('TECHNICIAN_CHECKED_OUT', technicianCheckedOut)
  async checkOut(appointmentId: string, options: { workSummary?: string } = {}): Promise<Visit> {
    requireStaff('DispatchService.checkOut');
    const workSummary = optionalText('workSummary', options?.workSummary, 10_000);
    return this.step(appointmentId, 'check the technician out', 'arrived', 'checked_out', { checked_out_at: actionTime(), work_summary: workSummary ?? null });
  }

  visit(appointmentId: string): Promise<Visit | undefined> {
    return this.visits.find(appointmentId);
  }

  /** One step, conditional on the visit being at `from` (and the appointment still scheduled, its row locked). */
  private async step(appointmentId: string, action: string, from: VisitState, to: VisitState, columns: Record<string, unknown>): Promise<Visit> {
    const tenant = currentTenant('DispatchService.step');
    const a = await this.appointments.getScheduled(appointmentId, `${action} for`);
    const updated = await this.uow.db('appointment_visits').where({ appointment_id: appointmentId, tenant, state: from }).update({ state: to, ...columns });
    if (!updated) throw new VisitStateError(appointmentId, (await this.visits.find(appointmentId))?.state, action, from);
    return (await this.visits.find(appointmentId, a.ticketId))!;
  }
}
