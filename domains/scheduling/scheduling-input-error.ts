import { DomainInputError } from '../../lib/kit';

/**
 * Input a scheduling action refused before writing anything; `field` names it (`title`,
 * `assignee.type`, `ticketId`, `dailyMinutes`, `eta`, …). Time and zone refusals are the
 * subclass SchedulingTimeError.
 */
export class SchedulingInputError extends DomainInputError {
  constructor(field: string, reason: string, code = 'SCHEDULING_INPUT_INVALID') {
    super(field, reason, code, 'scheduling input');
  }
}
