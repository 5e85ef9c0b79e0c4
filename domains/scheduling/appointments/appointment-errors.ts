import { DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { AppointmentStatus } from './appointment';

export class AppointmentNotFoundError extends DomainNotFoundError {
  constructor(readonly appointmentId: string) {
    super('appointment', appointmentId);
  }
}

/** The appointment's state does not allow the action (completing a canceled one, moving a completed one, …). */
export class AppointmentStateError extends DomainStateError {
  constructor(
    readonly appointmentId: string,
    readonly status: AppointmentStatus,
    action: string,
    why = `it is ${status.replace('_', '-')}`,
  ) {
    super(`Cannot ${action} appointment ${appointmentId}: ${why}`, 'APPOINTMENT_STATE');
  }
}
