import { iso, isoOrUndefined } from '../../../lib/kit';
import { Visit } from './visit';

const visitIds = (v: Visit) => ({ appointmentId: v.appointmentId, ticketId: v.ticketId, technicianUserId: v.technicianUserId });

export const technicianDispatched = (v: Visit) => ({ ...visitIds(v), dispatchedByUserId: v.dispatchedByUserId, dispatchedAt: iso(v.dispatchedAt) });
export const technicianEnRoute = (v: Visit) => ({ ...visitIds(v), startedAt: iso(v.enRouteAt!), eta: isoOrUndefined(v.eta) });
export const technicianArrived = (v: Visit) => ({ ...visitIds(v), arrivedAt: iso(v.arrivedAt!), location: v.location });
export const technicianCheckedOut = (v: Visit) => ({ ...visitIds(v), checkedOutAt: iso(v.checkedOutAt!), workSummary: v.workSummary });
