import fs from 'node:fs';
import path from 'node:path';

/** The package root (dist/src/cli → ../../..), where package.json and catalog.lock.json live. */
export const PACKAGE_ROOT = path.resolve(__dirname, '../../..');

/** `version` of package.json: what `wfe --version` prints and the AsyncAPI document's info.version. */
export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
}
