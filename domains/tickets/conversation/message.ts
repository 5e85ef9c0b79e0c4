import { MessageAuthorType, MessageChannel, MessageVisibility, ResponseState, SlaStage, TicketMessage, Transition } from '../ticket';

/** What the conversation services take and return. */

export interface MessageAuthor {
  id: string;
  type: MessageAuthorType;
}

export interface AddMessageInput {
  content: string;
  /** Default public. Only staff can post internal notes. */
  visibility?: MessageVisibility;
  /** Default: portal for contacts, ui for staff. */
  channel?: MessageChannel;
  attachmentsCount?: number;
  /** Default: the contact or user of the emission context. Only USER and SYSTEM callers (e.g. email ingestion) may set it. */
  author?: MessageAuthor;
}

/** A posted message and what it did to the ticket. */
export interface PostedMessage {
  message: TicketMessage;
  responseState?: Transition<ResponseState>;
  slaMet: SlaStage[];
}

export interface EditedMessage {
  before: TicketMessage;
  after: TicketMessage;
  /** The user or contact who edited it. */
  editorId: string;
}
