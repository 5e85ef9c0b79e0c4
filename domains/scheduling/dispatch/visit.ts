/** A technician's field visit for one appointment: dispatched → en route → arrived → checked out. */

export const VISIT_STATES = ['dispatched', 'en_route', 'arrived', 'checked_out'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

/** A check-in position (WGS 84 degrees; accuracy in meters). */
export interface GeoLocation {
  latitude: number;
  longitude: number;
  accuracyMeters?: number;
}

export interface Visit {
  appointmentId: string;
  tenantId: string;
  ticketId?: string;
  technicianUserId: string;
  state: VisitState;
  dispatchedByUserId: string;
  dispatchedAt: Date;
  enRouteAt?: Date;
  eta?: Date;
  arrivedAt?: Date;
  location?: GeoLocation;
  checkedOutAt?: Date;
  workSummary?: string;
}
