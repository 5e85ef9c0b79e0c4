import { diffFields, FieldChange, iso } from '../../../lib/kit';
import { Appointment } from './appointment';

/** `{ field: { previous, new } }` of a schedule entry (the calendar row beneath an appointment). */
export type EntryChanges = Record<string, FieldChange>;

/** The entry's fields as legacy consumers knew them: when, in which zone, on whose calendar. */
export const entryView = (a: Appointment): Record<string, unknown> => ({
  title: a.title,
  startAt: iso(a.startAt),
  endAt: iso(a.endAt),
  timezone: a.timezone,
  assigneeId: a.assignee?.id ?? null,
  assigneeType: a.assignee?.type ?? null,
  location: a.location ?? null,
});

/** What an action changed on the entry (everything set, from null, when it was created). */
export const entryChanges = (before: Appointment | undefined, after: Appointment): EntryChanges => diffFields(before && entryView(before), entryView(after)).changes;
