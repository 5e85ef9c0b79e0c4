import {
  BooleanField,
  CountField,
  DateTimeField,
  DomainPayload,
  EmailArrayField,
  EmailField,
  EnumField,
  NestedArrayField,
  NestedField,
  StringArrayField,
  StringField,
  UuidField,
} from '../../../lib/kit';
import { email } from '../module';
import { SKIP_REASONS, SKIP_TYPES, SkipReason, SkipType } from './inbound';

/** One mailbox: an address and the display name beside it (RFC 5322 `name-addr`). */
export class EmailAddressData {
  @EmailField() email!: string;
  @StringField({ optional: true, description: 'Display name, decoded (RFC 2047)' }) name?: string;
}

export class EmailBodyData {
  @StringField({ optional: true, description: 'text/plain body, decoded to UTF-8 from its declared charset' }) text?: string;
  @StringField({ optional: true, description: 'text/html body, decoded to UTF-8 (not sanitised: render it with care)' }) html?: string;
}

/** Metadata of one attachment or inline part; its bytes are never in the event. */
export class EmailAttachmentData {
  @StringField({ description: 'Stable id within the message: its position, "att-<n>"' }) id!: string;
  @StringField({ description: 'File name (RFC 2231 / RFC 2047 decoded); "attachment-<n>" when the part has none' }) name!: string;
  @StringField({ description: 'MIME type, e.g. application/pdf' }) contentType!: string;
  @CountField({ description: 'Decoded size in bytes' }) size!: number;
  @StringField({ optional: true, description: 'Content-ID without angle brackets, for cid: references in the HTML' }) contentId?: string;
  @BooleanField({ optional: true, description: 'true for parts shown inside the body (Content-Disposition inline with a Content-ID)' }) isInline?: boolean;
}

/** A cap that applied while taking the message in: what was left out and why. */
export class EmailIngressSkipReason {
  @EnumField(SKIP_TYPES) type!: SkipType;
  @EnumField(SKIP_REASONS) reason!: SkipReason;
  @StringField({ optional: true }) attachmentId?: string;
  @StringField({ optional: true }) attachmentName?: string;
  @CountField({ description: 'Bytes (or, for attachment_count_exceeded, parts) found' }) size!: number;
  @CountField({ description: 'The cap in force, same unit as size' }) cap!: number;
}

export class InboundEmailData {
  @StringField({ description: "The message's Message-ID without angle brackets (a generated one when the message had none)" }) id!: string;
  @StringField({ optional: true, description: 'Conversation key: the first References id, else In-Reply-To, else the message id' }) threadId?: string;
  @NestedField(() => EmailAddressData, { description: 'From (a message without a usable From is reported as mailer-daemon@sender.invalid)' }) from!: EmailAddressData;
  @NestedArrayField(() => EmailAddressData, { optional: true }) to?: EmailAddressData[];
  @NestedArrayField(() => EmailAddressData, { optional: true }) cc?: EmailAddressData[];
  @NestedArrayField(() => EmailAddressData, { optional: true }) bcc?: EmailAddressData[];
  @StringField({ description: 'Subject, decoded; empty when absent' }) subject!: string;
  @NestedField(() => EmailBodyData) body!: EmailBodyData;
  @StringField({ optional: true }) inReplyTo?: string;
  @StringArrayField({ optional: true, description: 'References ids, oldest first, without angle brackets' }) references?: string[];
  @NestedArrayField(() => EmailAttachmentData, { optional: true }) attachments?: EmailAttachmentData[];
  @DateTimeField({ optional: true, description: 'When the mailbox took it in (the ingestion time)' }) receivedAt?: string;
  @UuidField({ optional: true }) providerId?: string;
  @NestedArrayField(() => EmailIngressSkipReason, { optional: true }) ingressSkipReasons?: EmailIngressSkipReason[];
  @StringField({ optional: true, description: 'Blob store key (sha256:<hex>) of the raw RFC 5322 message as received' }) rawMimeRef?: string;
}

@email.event({
  type: 'INBOUND_EMAIL_RECEIVED',
  name: 'Inbound Email Received',
  subject: 'providerId',
  description:
    'A connected mailbox (or `wfe email ingest`) took in a message: the raw RFC 5322 bytes are kept in the blob store ' +
    '(emailData.rawMimeRef) and parsed with mailparser. Emitted once per mailbox and Message-ID, even when the provider ' +
    'notifies twice. Size and count caps leave parts out and say so in ingressSkipReasons; a message over the raw size ' +
    'cap is received unparsed with a raw_mime skip reason, and one that cannot be parsed (header flood, no header fields) ' +
    'is received with its raw bytes kept and nothing parsed. Bodies of attachments are never in the event. Threading ' +
    'to a ticket is INBOUND_EMAIL_REPLY_RECEIVED; delivery reports are EMAIL_DELIVERED / EMAIL_BOUNCED / EMAIL_COMPLAINT_RECEIVED.',
})
export class InboundEmailReceivedPayload extends DomainPayload {
  @NestedField(() => InboundEmailData) emailData!: InboundEmailData;
  @UuidField({ description: 'The mailbox that received it (the ingest command uses a mailbox too)' }) providerId!: string;
}

@email.event({
  type: 'INBOUND_EMAIL_REPLY_RECEIVED',
  name: 'Inbound Email Reply Received',
  subject: 'messageId',
  description:
    'An inbound message answers one this system sent and was added to its ticket as the client\'s reply (so ' +
    'TICKET_CUSTOMER_REPLIED follows from the tickets module). matchedBy says how: in_reply_to, references or ' +
    'reply_token (the +token in the reply address). Automatic mail (null sender, Auto-Submitted, delivery reports) is ' +
    'never threaded. A new message that matches no thread opens a ticket instead (TICKET_CREATED).',
})
export class InboundEmailReplyReceivedPayload extends DomainPayload {
  @StringField({ description: "The reply's Message-ID" }) messageId!: string;
  @StringField({ description: 'The thread it joined: the Message-ID of the first message of the conversation' }) threadId!: string;
  @UuidField({ optional: true }) ticketId?: string;
  @EmailField() from!: string;
  @EmailArrayField() to!: string[];
  @StringField() subject!: string;
  @DateTimeField() receivedAt!: string;
  @StringField({ description: 'microsoft, google or file (wfe email ingest)' }) provider!: string;
  @StringField({ description: 'in_reply_to, references or reply_token' }) matchedBy!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INBOUND_EMAIL_RECEIVED: InboundEmailReceivedPayload;
    INBOUND_EMAIL_REPLY_RECEIVED: InboundEmailReplyReceivedPayload;
  }
}
