import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export class SecretKeyError extends Error {
  readonly code = 'SECRET_KEY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/**
 * The application's master secret (32 bytes). Nothing uses it directly: each purpose (sealing
 * provider tokens, signing survey links, …) gets its own key derived with HKDF-SHA256 (RFC 5869),
 * so a key leaked from one purpose opens nothing else.
 */
export class SecretKey {
  private constructor(private readonly master: Buffer) {}

  /** From 32 bytes given as base64, base64url or 64 hex characters. */
  static parse(text: string): SecretKey {
    const trimmed = text.trim();
    const bytes = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (bytes.length !== 32) throw new SecretKeyError(`a secret key is 32 bytes (base64 or 64 hex characters); got ${bytes.length}`);
    return new SecretKey(bytes);
  }

  static random(): SecretKey {
    return new SecretKey(randomBytes(32));
  }

  /**
   * `WFE_SECRET_KEY` when set; otherwise the key in `file`, created (mode 0600) on first use so an
   * embedded install works out of the box. Several processes or hosts must share WFE_SECRET_KEY.
   */
  static fromEnvOrFile(env: NodeJS.ProcessEnv, file: string): SecretKey {
    if (env.WFE_SECRET_KEY) return SecretKey.parse(env.WFE_SECRET_KEY);
    if (fs.existsSync(file)) return SecretKey.parse(fs.readFileSync(file, 'utf8'));
    const key = randomBytes(32);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return SecretKey.parse(fs.readFileSync(file, 'utf8'));
    }
    return new SecretKey(key);
  }

  /** A 32-byte key for one purpose, e.g. `secret-box` or `token:survey-link`. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `workflow-events:${purpose}`, 32));
  }
}
