import { injectable } from 'tsyringe';
import { currentTenant, readDate, readJson, UnitOfWork } from '../../../lib/kit';
import { Visit } from './visit';

type Row = Record<string, any>;
const optDate = (v: unknown) => readDate(v) ?? undefined;

const toVisit = (r: Row, ticketId?: string): Visit => ({
  appointmentId: r.appointment_id,
  tenantId: r.tenant,
  ticketId,
  technicianUserId: r.technician_user_id,
  state: r.state,
  dispatchedByUserId: r.dispatched_by_user_id,
  dispatchedAt: readDate(r.dispatched_at)!,
  enRouteAt: optDate(r.en_route_at),
  eta: optDate(r.eta),
  arrivedAt: optDate(r.arrived_at),
  location: r.arrival_location == null ? undefined : readJson(r.arrival_location),
  checkedOutAt: optDate(r.checked_out_at),
  workSummary: r.work_summary ?? undefined,
});

/** Tenant-scoped reads of field visits. */
@injectable()
export class VisitRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The appointment's visit, if a technician was dispatched; `ticketId` is copied onto it for the events. */
  async find(appointmentId: string, ticketId?: string): Promise<Visit | undefined> {
    const tenant = currentTenant('VisitRepository.find');
    const row = await this.uow.db('appointment_visits').where({ appointment_id: appointmentId, tenant }).first();
    return row ? toVisit(row, ticketId) : undefined;
  }
}
