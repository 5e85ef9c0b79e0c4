import { Suppression } from '../suppression/suppression-list';

/** Outgoing mail as the outbound services return it. */

/** ticket_reply: an answer on a ticket (always sent); notification: automatic mail (unsubscribable, suppressed after opt-out). */
export const OUTBOUND_KINDS = ['ticket_reply', 'notification'] as const;
export type OutboundKind = (typeof OUTBOUND_KINDS)[number];

export type OutboundStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface QueueEmailInput {
  /** Default ticket_reply when ticketId is given, else notification. */
  kind?: OutboundKind;
  /** Recipients; a notification goes to exactly one (its unsubscribe link is that person's). */
  to: string[];
  cc?: string[];
  subject: string;
  /** Plain-text body (required: every message has a text part). */
  text: string;
  html?: string;
  /** Default: for a ticket reply, the mailbox the ticket's mail came in through; else EmailSettings.defaultFrom. */
  from?: string;
  /** The ticket a reply belongs to: threading headers come from the ticket's conversation. */
  ticketId?: string;
}

export interface OutboundEmail {
  messageId: string;
  tenantId: string;
  kind: OutboundKind;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
  ticketId?: string;
  threadId?: string;
  inReplyTo?: string;
  references: string[];
  /** Reply-To is `<from local>+r-<replyToken>@<from domain>`. */
  replyToken: string;
  /** Envelope sender is `<bounce local>+b-<envelopeToken>@<bounce domain>`. */
  envelopeToken: string;
  status: OutboundStatus;
  attempts: number;
  nextAttemptAt?: Date;
  providerMessageId?: string;
  lastErrorCode?: string;
  lastErrorMessage?: string;
  queuedAt: Date;
  sentAt?: Date;
  failedAt?: Date;
}

/** What queueing did: the message queued, or nothing because every recipient is suppressed (notifications only). */
export interface QueueResult {
  queued?: OutboundEmail;
  /** Recipients left out, with why (unsubscribed, complaint, policy_bounce). */
  suppressed: Suppression[];
}

/** One send attempt and how it ended. */
export interface SendAttempt {
  message: OutboundEmail;
  outcome: 'sent' | 'failed';
  at: Date;
  providerMessageId?: string;
  errorCode?: string;
  errorMessage?: string;
  /** true when another attempt was scheduled. */
  retryable?: boolean;
}
