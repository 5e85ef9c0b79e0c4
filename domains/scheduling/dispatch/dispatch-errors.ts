import { DomainStateError } from '../../../lib/kit';
import { VisitState } from './visit';

const words = (s: VisitState) => s.replace('_', ' ');

/** A dispatch step out of order or repeated (arrived before en route, dispatched twice, …). */
export class VisitStateError extends DomainStateError {
  constructor(
    readonly appointmentId: string,
    readonly state: VisitState | undefined,
    step: string,
    expected?: VisitState,
  ) {
    const now = state ? `the visit is ${words(state)}` : 'no technician was dispatched';
    super(`Cannot ${step} for appointment ${appointmentId}: ${now}${expected ? ` (this step follows ${words(expected)})` : ''}`, 'VISIT_STATE');
  }
}
