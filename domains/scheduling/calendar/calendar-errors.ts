import { DomainStateError } from '../../../lib/kit';
import { Assignee } from '../appointments/appointment';
import { localIso } from '../time/zoned-time';

/** Something already on a calendar during the requested window. */
export interface Clash {
  kind: 'appointment' | 'block';
  id: string;
  owner: Assignee;
  startAt: Date;
  endAt: Date;
  timezone: string;
  /** The appointment's title or the block's reason. */
  label?: string;
}

const describe = (c: Clash): string =>
  `${c.kind} ${c.id}${c.label ? ` "${c.label}"` : ''} of ${c.owner.type} ${c.owner.id} ` +
  `(${localIso(c.startAt, c.timezone)} – ${localIso(c.endAt, c.timezone)} ${c.timezone})`;

/** The window overlaps appointments or blocks already on the calendar; `clashes` names each. Pass `force` to book anyway. */
export class ScheduleConflictError extends DomainStateError {
  constructor(readonly clashes: Clash[]) {
    super(`The requested time overlaps ${clashes.map(describe).join('; ')}. Choose another time, or book with force: true`, 'SCHEDULE_CONFLICT');
  }
}
