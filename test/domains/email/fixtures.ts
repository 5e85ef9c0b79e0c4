import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The MIME fixtures made for these tests (test/domains/email/fixtures), read from the source tree. */
export const FIXTURES = path.resolve(__dirname, '../../../../test/domains/email/fixtures');

/** A fixture's bytes; `%%NAME%%` placeholders (MESSAGE_ID, ENVELOPE_TOKEN) are filled from `fill`. */
export function fixture(name: string, fill: Record<string, string> = {}): Buffer {
  let raw = readFileSync(path.join(FIXTURES, name));
  for (const [key, value] of Object.entries(fill)) raw = Buffer.from(raw.toString('latin1').split(`%%${key}%%`).join(value), 'latin1');
  return raw;
}
