import { DomainNotFoundError } from '../../../lib/kit';

export class ScheduleBlockNotFoundError extends DomainNotFoundError {
  constructor(readonly scheduleBlockId: string) {
    super('schedule block', scheduleBlockId);
  }
}
