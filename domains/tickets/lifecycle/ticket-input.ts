import { Assignee, ResponseState } from '../ticket';

/** What opening and editing a ticket take. */

export interface CreateTicketInput {
  title: string;
  clientId: string;
  contactId?: string;
  /** The board (service queue) the ticket starts on. */
  boardId: string;
  priorityId: string;
  /** Default: the tenant's default open status. */
  statusId?: string;
  assignee?: Assignee;
  tagIds?: string[];
}

/** Fields a save may change; absent fields are left alone, `null` clears a clearable one. */
export interface TicketPatch {
  title?: string;
  /**
   * Moves the ticket to another client (e.g. when CRM merges a duplicate client into another);
   * the TicketClientPolicy port must accept the new client, as for a new ticket.
   */
  clientId?: string;
  contactId?: string | null;
  boardId?: string;
  statusId?: string;
  priorityId?: string;
  assignee?: Assignee | null;
  /** The complete tag set after the save. */
  tagIds?: string[];
  responseState?: ResponseState;
  escalationLevel?: number;
}
