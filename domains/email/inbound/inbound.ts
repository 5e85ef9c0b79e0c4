/** Inbound messages as the inbound services return them. */

export const SKIP_TYPES = ['attachment', 'raw_mime'] as const;
export type SkipType = (typeof SKIP_TYPES)[number];
export const SKIP_REASONS = ['attachment_over_max_bytes', 'attachment_count_exceeded', 'attachment_total_bytes_exceeded', 'raw_mime_over_max_bytes'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Mailbox {
  email: string;
  name?: string;
}

export interface AttachmentMeta {
  id: string;
  name: string;
  contentType: string;
  size: number;
  contentId?: string;
  isInline?: boolean;
}

export interface IngressSkip {
  type: SkipType;
  reason: SkipReason;
  attachmentId?: string;
  attachmentName?: string;
  size: number;
  cap: number;
}

/** What the parser made of a raw message. */
export interface ParsedEmail {
  messageId: string;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  subject: string;
  text?: string;
  html?: string;
  inReplyTo?: string;
  references: string[];
  attachments: AttachmentMeta[];
  skips: IngressSkip[];
  /** Return-Path / null sender `<>`. */
  nullSender: boolean;
  /** RFC 3834 Auto-Submitted other than "no", or a delivery / feedback report. */
  automatic: boolean;
  /** multipart/report; report-type=delivery-status | feedback-report */
  reportType?: 'delivery-status' | 'feedback-report';
  /** A parse failure: the message is kept raw and received with a raw_mime skip reason. */
  unparsable?: string;
}

export type MatchedBy = 'in_reply_to' | 'references' | 'reply_token';

/** What an inbound message led to. */
export type InboundOutcome = 'reply' | 'ticket_opened' | 'report' | 'automatic' | 'unknown_sender' | 'no_routing' | 'reply_refused' | 'unparsable';

/** An inbound message after ingestion, and what it led to. */
export interface InboundResult {
  inboundId: string;
  tenantId: string;
  providerId: string;
  /** microsoft, google, or file for `wfe email ingest`. */
  provider: string;
  parsed: ParsedEmail;
  threadId: string;
  rawMimeRef: string;
  receivedAt: Date;
  /** false when the same message was taken in before (nothing happened, no event). */
  isNew: boolean;
  outcome: InboundOutcome;
  ticketId?: string;
  matchedBy?: MatchedBy;
}
