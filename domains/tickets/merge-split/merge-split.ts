import { Ticket } from '../ticket';

/** What merges and splits take and return. */

export interface MergeResult {
  source: Ticket;
  target: Ticket;
  movedMessageIds: string[];
  at: Date;
  reason?: string;
}

export interface SplitPart {
  title: string;
  /** Messages of the original ticket that move to the new one. */
  messageIds: string[];
}

export interface SplitResult {
  original: Ticket;
  created: Ticket[];
  at: Date;
  reason?: string;
}
