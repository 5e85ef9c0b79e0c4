import { Client } from '../clients/client';
import { Contact } from '../contacts/contact';

/**
 * How a merge treats the two records: `absorb-fill-empty` moves everything of the source to the
 * target, keeps the target's details and fills only the target's empty ones from the source.
 */
export const MERGE_STRATEGY = 'absorb-fill-empty';

/** What moved in a client merge, besides the events each moved record emitted itself. */
export interface ClientMergeResult {
  source: Client;
  target: Client;
  at: Date;
  strategy: string;
  /** The source was live before the merge (so the merge archived it: CLIENT_ARCHIVED). */
  archivedSource: boolean;
  movedContactIds: string[];
  movedNoteIds: string[];
  movedInteractionIds: string[];
  movedTagIds: string[];
  movedTicketIds: string[];
}

/** What moved in a contact merge. */
export interface ContactMergeResult {
  source: Contact;
  target: Contact;
  at: Date;
  strategy: string;
  archivedSource: boolean;
  movedNoteIds: string[];
  movedInteractionIds: string[];
  movedTagIds: string[];
  movedTicketIds: string[];
}
