import { fileTypeFromBuffer } from 'file-type';
import { UploadInputError, UploadTypeMismatchError } from './upload-errors';

/** Bytes sniffed before anything is stored: enough for file-type's signatures, including ZIP-based Office files. */
export const SNIFF_BYTES = 64 * 1024;

/** Names browsers and mail clients send for the same type. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'application/x-pdf': 'application/pdf',
  'text/xml': 'application/xml',
};

/** Text types a caller may declare for content that is plain text (file-type has no signature for them). */
const PLAIN_TEXT_TYPES = new Set(['text/plain', 'text/csv', 'text/markdown', 'text/tab-separated-values', 'application/json', 'text/calendar', 'text/vcard']);

/** Declared types that say nothing about the content. */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** `Image/JPG; charset=x` → `image/jpeg`; undefined for a missing declaration. */
export function canonicalType(declared: string | undefined): string | undefined {
  if (declared === undefined) return undefined;
  if (typeof declared !== 'string') throw new UploadInputError('contentType', 'must be a MIME type');
  const base = declared.split(';')[0].trim().toLowerCase();
  if (base && !/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(base)) throw new UploadInputError('contentType', 'must be a MIME type such as image/png');
  return ALIASES[base] ?? base;
}

/** What a sample of text-looking bytes is: markup with active content, or plain text; undefined for binary. */
function textKind(sample: Buffer): string | undefined {
  if (sample.includes(0)) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  if (text.includes('\uFFFD') && sample.length > 16) return undefined;
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/<svg[\s>]/.test(head)) return 'image/svg+xml';
  if (head.startsWith('<!doctype html') || /<(html|script|body|iframe)[\s>]/.test(head)) return 'text/html';
  if (head.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}

/**
 * The content type of an upload, from its first bytes (file-type's magic numbers; for text, a
 * look at the markup). A declaration that disagrees is refused with UploadTypeMismatchError: a
 * file declared image/png must be a PNG. A declared plain-text type (text/csv, application/json, …)
 * is kept for text content; an unspecific declaration (none, application/octet-stream) takes what
 * the bytes say; bytes nobody recognises are application/octet-stream.
 */
export async function resolveContentType(sample: Buffer, declared: string | undefined): Promise<string> {
  const claimed = canonicalType(declared);
  const magic = (await fileTypeFromBuffer(sample))?.mime;
  // file-type calls any XML application/xml; the markup says whether it is SVG.
  const sniffed = (magic && magic !== 'application/xml' ? magic : textKind(sample)) ?? magic ?? 'application/octet-stream';
  if (claimed === undefined || UNSPECIFIC.has(claimed)) return sniffed;
  if (claimed === sniffed) return claimed;
  if (sniffed === 'text/plain' && PLAIN_TEXT_TYPES.has(claimed)) return claimed;
  if (sniffed === 'application/xml' && (claimed === 'application/xml' || claimed.endsWith('+xml')) && claimed !== 'image/svg+xml') return claimed;
  throw new UploadTypeMismatchError(claimed, sniffed);
}

/** Types a browser may render in place; everything else (SVG, HTML, PDF with its scripts, …) is served as an attachment. */
export const INLINE_SAFE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'text/plain']);
