import { iso } from '../../../lib/kit';
import { CapacityCrossing } from '../appointments/appointment';

/** One CAPACITY_THRESHOLD_REACHED per team-day the action took up to capacity (none: no event). */
export const capacityReached = (r: { capacity: CapacityCrossing[] }) =>
  r.capacity.map((c) => ({ teamId: c.teamId, date: c.date, capacityLimit: c.capacityMinutes, currentBooked: c.bookedMinutes, triggeredAt: iso(c.at) }));
