import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretKey } from './secret-key';

export class SecretBoxError extends Error {
  readonly code = 'SECRET_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';

/**
 * Encryption at rest for credentials (OAuth tokens, mailbox passwords): AES-256-GCM with a
 * random 96-bit nonce per value (NIST SP 800-38D). `context` is authenticated, not stored: a value
 * sealed for one row (e.g. its connection id) cannot be pasted into another.
 * Sealed form: `v1.<nonce>.<ciphertext+tag>` in base64url.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: SecretKey) {
    this.key = secret.derive('secret-box');
  }

  seal(plaintext: string, context = ''): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  /** Throws SecretBoxError when the value was altered, sealed with another key, or for another context. */
  open(sealed: string, context = ''): string {
    const [version, nonce, body] = sealed.split('.');
    if (version !== VERSION || !nonce || !body) throw new SecretBoxError('not a sealed value');
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 16) throw new SecretBoxError('sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('sealed value does not authenticate (altered, another key, or another context)');
    }
  }
}
