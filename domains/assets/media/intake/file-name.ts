import { UploadInputError } from './upload-errors';

/** Longest stored file name, in characters (after normalisation; the extension is kept when cut). */
export const MAX_FILE_NAME_LENGTH = 200;

/**
 * The name a file is stored and shown under, the same on every database: Unicode NFC; only the
 * last path segment (`C:\\Users\\me\\a.png` and `../../a.png` give `a.png`); control and format
 * characters (NUL, C0/C1, bidi overrides such as U+202E that disguise `gpj.exe`) removed, line
 * breaks and tabs turned into spaces; whitespace runs collapsed to one space; leading dots and surrounding spaces trimmed; at most
 * MAX_FILE_NAME_LENGTH characters, the extension kept. UploadInputError (`fileName`) when nothing is left.
 */
export function normaliseFileName(raw: unknown): string {
  if (typeof raw !== 'string') throw new UploadInputError('fileName', 'must be a string');
  let name = raw.normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/[\t\n\v\f\r\p{Zl}\p{Zp}]/gu, ' ').replace(/[\p{Cc}\p{Cf}]/gu, '');
  name = name.replace(/\s+/gu, ' ').trim().replace(/^\.+/, '').trim();
  if (!name) throw new UploadInputError('fileName', 'must name a file (nothing is left once path separators and control characters are removed)');
  const chars = [...name];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
    name = chars.slice(0, MAX_FILE_NAME_LENGTH - keep.length).join('').trimEnd() + keep.join('');
  }
  return name;
}
