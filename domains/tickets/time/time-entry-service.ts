import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { TicketInputError } from '../errors';
import { LogTimeInput } from './time-entry';
import { timeEntryAdded } from './time-entry-mappers';
import { toTimeEntry } from '../rows';
import { TimeEntry } from '../ticket';
import { TicketRepository } from '../ticket-repository';

/** Work logged against tickets by technicians. */
@injectable()
export class TimeEntryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketRepository,
  ) {}

  @EmitsEvent('TICKET_TIME_ENTRY_ADDED', timeEntryAdded)
  async logTime(ticketId: string, input: LogTimeInput): Promise<TimeEntry> {
    const tenant = currentTenant('TimeEntryService.logTime');
    const userId = requireStaff('TimeEntryService.logTime');
    if (!Number.isInteger(input.minutes) || input.minutes <= 0) throw new TicketInputError('minutes', 'must be a whole number > 0', 'TIME_ENTRY_INVALID');
    await this.tickets.getActive(ticketId);
    const row = {
      time_entry_id: uuidv4(),
      tenant,
      ticket_id: ticketId,
      user_id: userId,
      minutes: input.minutes,
      billable: input.billable ?? true,
      notes: input.notes ?? null,
      created_at: actionTime(),
    };
    await this.uow.db('ticket_time_entries').insert(row);
    return toTimeEntry(row);
  }
}
