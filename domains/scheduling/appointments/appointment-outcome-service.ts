import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { CapacityLedger } from '../capacity/capacity-ledger';
import { VisitRepository } from '../dispatch/visit-repository';
import { localIso } from '../time/zoned-time';
import { Appointment, NoShowParty, NO_SHOW_PARTIES } from './appointment';
import { AppointmentStateError } from './appointment-errors';
import { SchedulingInputError } from '../scheduling-input-error';
import { optionalText } from './appointment-input';
import { appointmentCanceled, appointmentCompleted, appointmentNoShow } from './appointment-mappers';
import { AppointmentRepository } from './appointment-repository';
import { entryDeleted } from './schedule-entry-mappers';

/**
 * How a scheduled appointment ends: canceled, completed or a no-show. Each is final, and each
 * is refused for an appointment that already ended (completing a canceled one, …).
 */
@injectable()
export class AppointmentOutcomeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly appointments: AppointmentRepository,
    private readonly visits: VisitRepository,
    private readonly capacity: CapacityLedger,
  ) {}

  /** Calls the appointment off and frees its time (and its team's capacity). Refused once the technician is on site. */
  @EmitsEvent('APPOINTMENT_CANCELED', appointmentCanceled)
  @EmitsEvent('SCHEDULE_ENTRY_DELETED', entryDeleted)
  async cancel(appointmentId: string, options: { reason?: string } = {}): Promise<Appointment> {
    requireStaff('AppointmentOutcomeService.cancel');
    const reason = optionalText('reason', options?.reason, 1000);
    const a = await this.appointments.getScheduled(appointmentId, 'cancel');
    const visit = await this.visits.find(appointmentId);
    if (visit?.state === 'arrived' || visit?.state === 'checked_out') {
      throw new AppointmentStateError(appointmentId, a.status, 'cancel', 'the technician already checked in on site; complete it or record a no-show');
    }
    const at = actionTime();
    await this.end(a, { status: 'canceled', canceled_at: at, cancel_reason: reason ?? null, updated_at: at });
    // Frees the team's minutes: a day back under capacity may cross (and be reported) again.
    await this.capacity.recount([{ teamId: a.teamId, startAt: a.startAt, endAt: a.endAt }], at);
    return this.appointments.get(appointmentId);
  }

  /** Records the appointment as done. Refused while a technician is en route or on site (check out first). */
  @EmitsEvent('APPOINTMENT_COMPLETED', appointmentCompleted)
  async complete(appointmentId: string, options: { outcome?: string } = {}): Promise<Appointment> {
    requireStaff('AppointmentOutcomeService.complete');
    const outcome = optionalText('outcome', options?.outcome, 4000);
    const a = await this.appointments.getScheduled(appointmentId, 'complete');
    const visit = await this.visits.find(appointmentId);
    if (visit?.state === 'en_route' || visit?.state === 'arrived') {
      throw new AppointmentStateError(appointmentId, a.status, 'complete', `technician ${visit.technicianUserId} is ${visit.state === 'arrived' ? 'on site' : 'en route'}: check them out first`);
    }
    const at = actionTime();
    await this.end(a, { status: 'completed', completed_at: at, outcome: outcome ?? null, updated_at: at });
    return this.appointments.get(appointmentId);
  }

  /**
   * Records that the customer or the agent did not attend. Only once the appointment has
   * started; an agent who checked in did attend, and a visit that was checked out took place.
   */
  @EmitsEvent('APPOINTMENT_NO_SHOW', appointmentNoShow)
  async markNoShow(appointmentId: string, party: NoShowParty): Promise<Appointment> {
    requireStaff('AppointmentOutcomeService.markNoShow');
    if (!(NO_SHOW_PARTIES as readonly string[]).includes(party)) throw new SchedulingInputError('party', `must be one of ${NO_SHOW_PARTIES.join(', ')}`);
    const a = await this.appointments.getScheduled(appointmentId, 'record a no-show for');
    const at = actionTime();
    const refuse = (why: string) => new AppointmentStateError(appointmentId, a.status, `record a ${party} no-show for`, why);
    if (at.getTime() < a.startAt.getTime()) throw refuse(`it has not started yet (starts ${localIso(a.startAt, a.timezone)} ${a.timezone})`);
    const visit = await this.visits.find(appointmentId);
    if (visit?.state === 'checked_out') throw refuse('the technician worked on site and checked out');
    if (party === 'agent' && visit?.state === 'arrived') throw refuse('the technician checked in on site');
    await this.end(a, { status: 'no_show', no_show_at: at, no_show_party: party, updated_at: at });
    return this.appointments.get(appointmentId);
  }

  /** The final transition, conditional on the appointment still being scheduled (its row is locked already). */
  private async end(a: Appointment, columns: Record<string, unknown>): Promise<void> {
    const tenant = currentTenant('AppointmentOutcomeService.end');
    const updated = await this.uow.db('appointments').where({ appointment_id: a.id, tenant, status: 'scheduled' }).update(columns);
    if (!updated) throw new AppointmentStateError(a.id, (await this.appointments.get(a.id)).status, `end`);
  }
}
