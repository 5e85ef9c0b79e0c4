import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, UnitOfWork } from '../../../lib/kit';
import { Appointment } from './appointment';
import { AppointmentNotFoundError, AppointmentStateError } from './appointment-errors';
import { toAppointment } from './appointment-rows';

/** Tenant-scoped reads of appointments through the current transaction. */
@injectable()
export class AppointmentRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * `forUpdate` locks the row until commit (PostgreSQL; SQLite has one writer), so concurrent
   * actions on one appointment run one after the other and each sees the other's result.
   */
  async get(appointmentId: string, { forUpdate: lock = false } = {}): Promise<Appointment> {
    const tenant = currentTenant('AppointmentRepository.get');
    const db = this.uow.db;
    const row = await db('appointments')
      .where({ appointment_id: appointmentId, tenant })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new AppointmentNotFoundError(appointmentId);
    return toAppointment(row);
  }

  /** The appointment, locked, if it is still scheduled; `action` words the refusal otherwise. */
  async getScheduled(appointmentId: string, action: string): Promise<Appointment> {
    const appointment = await this.get(appointmentId, { forUpdate: true });
    if (appointment.status !== 'scheduled') throw new AppointmentStateError(appointmentId, appointment.status, action);
    return appointment;
  }

  /** A technician's appointments overlapping [from, to), for their calendar feed. */
  async ofUser(userId: string, from: Date, to: Date): Promise<Appointment[]> {
    const tenant = currentTenant('AppointmentRepository.ofUser');
    const rows = await this.uow
      .db('appointments')
      .where({ tenant, assignee_type: 'user', assignee_id: userId })
      .whereNot('status', 'canceled')
      .where('start_at', '<', to)
      .where('end_at', '>', from)
      .orderBy(['start_at', 'appointment_id']);
    return rows.map(toAppointment);
  }
}
