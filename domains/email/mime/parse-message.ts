import { createHash } from 'node:crypto';
import { AddressObject, simpleParser } from 'mailparser';
import { AttachmentMeta, IngressSkip, Mailbox, ParsedEmail } from '../inbound/inbound';
import { bareMessageId, normalizeAddress } from '../shared/addresses';

export interface ParseCaps {
  maxRawMimeBytes: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
  maxTotalAttachmentBytes: number;
  maxHeaderLines: number;
}

const NULL_SENDER = 'mailer-daemon@sender.invalid';

/** A Message-ID for a message that has none: derived from its bytes, so a re-delivery gets the same one. */
const derivedId = (raw: Buffer) => `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@no-message-id.invalid`;

function mailboxes(field: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const list = (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value);
  const flat = list.flatMap((a) => (a.group ? a.group : [a]));
  return flat.filter((a) => a.address).map((a) => ({ email: normalizeAddress(a.address!), ...(a.name ? { name: a.name } : {}) }));
}

/** The header block's line count (a header flood is refused before parsing). */
function headerLines(raw: Buffer): number {
  const head = raw.subarray(0, Math.min(raw.length, 4 * 1024 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  return (end < 0 ? head : head.slice(0, end)).split(/\r?\n/).length;
}

/** A message that could not be parsed: kept raw, received with a raw_mime skip reason. */
function unparsable(raw: Buffer, reason: string, skip?: IngressSkip): ParsedEmail {
  return {
    messageId: derivedId(raw),
    from: { email: NULL_SENDER },
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    references: [],
    attachments: [],
    skips: skip ? [skip] : [],
    nullSender: false,
    automatic: true,
    unparsable: reason,
  };
}

/**
 * Parses raw RFC 5322 bytes with mailparser (charsets through iconv-lite: windows-1252,
 * ISO-2022-JP, …): addresses, subject, text and HTML bodies, attachment and inline-part metadata,
 * threading headers, and what marks the message as automatic (null sender, RFC 3834
 * Auto-Submitted, Precedence bulk/junk/auto_reply, multipart/report). Caps leave attachments out
 * with a skip reason; an oversized message or a header flood is not parsed at all. Never throws.
 */
export async function parseMessage(raw: Buffer, caps: ParseCaps): Promise<ParsedEmail> {
  if (raw.length > caps.maxRawMimeBytes) {
    return unparsable(raw, 'message too large', { type: 'raw_mime', reason: 'raw_mime_over_max_bytes', size: raw.length, cap: caps.maxRawMimeBytes });
  }
  if (headerLines(raw) > caps.maxHeaderLines) return unparsable(raw, `more than ${caps.maxHeaderLines} header lines`);
  let mail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, maxHtmlLengthToParse: caps.maxRawMimeBytes });
  } catch (err) {
    return unparsable(raw, (err as Error).message);
  }
  if (!mail.headers.size) return unparsable(raw, 'no header fields');

  const returnPathLine = mail.headerLines.find((h) => h.key === 'return-path')?.line;
  const returnPath = returnPathLine ? returnPathLine.slice(returnPathLine.indexOf(':') + 1).trim() : '';
  const from = mailboxes(mail.from)[0];
  const nullSender = /<\s*>/.test(returnPath) || (!!returnPath && !/@/.test(returnPath)) || !from || /^mailer-daemon@/i.test(from.email);
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase().split(';')[0].trim();
  const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = contentType?.value === 'multipart/report' ? contentType.params?.['report-type']?.toLowerCase() : undefined;

  const attachments: AttachmentMeta[] = [];
  const skips: IngressSkip[] = [];
  let total = 0;
  mail.attachments.forEach((a, i) => {
    const id = `att-${i + 1}`;
    const name = a.filename ?? `attachment-${i + 1}`;
    const size = a.size ?? a.content?.length ?? 0;
    const contentId = a.contentId ? bareMessageId(a.contentId) : undefined;
    const isInline = a.contentDisposition === 'inline' && !!contentId ? true : undefined;
    if (size > caps.maxAttachmentBytes) return skips.push({ type: 'attachment', reason: 'attachment_over_max_bytes', attachmentId: id, attachmentName: name, size, cap: caps.maxAttachmentBytes });
    if (attachments.length >= caps.maxAttachments) return skips.push({ type: 'attachment', reason: 'attachment_count_exceeded', attachmentId: id, attachmentName: name, size: mail.attachments.length, cap: caps.maxAttachments });
    if (total + size > caps.maxTotalAttachmentBytes) return skips.push({ type: 'attachment', reason: 'attachment_total_bytes_exceeded', attachmentId: id, attachmentName: name, size: total + size, cap: caps.maxTotalAttachmentBytes });
    total += size;
    attachments.push({ id, name, contentType: a.contentType, size, ...(contentId ? { contentId } : {}), ...(isInline ? { isInline } : {}) });
  });

  const references = (Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : []).map(bareMessageId).filter(Boolean);
  return {
    messageId: mail.messageId ? bareMessageId(mail.messageId) : derivedId(raw),
    from: from ?? { email: NULL_SENDER },
    to: mailboxes(mail.to),
    cc: mailboxes(mail.cc),
    bcc: mailboxes(mail.bcc),
    subject: mail.subject ?? '',
    text: mail.text || undefined,
    html: typeof mail.html === 'string' && mail.html ? mail.html : undefined,
    inReplyTo: mail.inReplyTo ? bareMessageId(mail.inReplyTo.split(/\s+/)[0]) : undefined,
    references,
    attachments,
    skips,
    nullSender,
    automatic: nullSender || autoSubmitted !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || !!reportType,
    reportType: reportType === 'delivery-status' || reportType === 'feedback-report' ? reportType : undefined,
  };
}
