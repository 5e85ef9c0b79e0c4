import { iso } from '../../../lib/kit';
import { TimeEntry } from '../ticket';

/** The mapper of logged time. */
export const timeEntryAdded = (e: TimeEntry) => ({
  ticketId: e.ticketId,
  timeEntryId: e.id,
  minutes: e.minutes,
  billable: e.billable,
  createdAt: iso(e.createdAt),
});
