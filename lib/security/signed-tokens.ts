import { errors, jwtVerify, SignJWT } from 'jose';
import { SecretKey } from './secret-key';

export class SignedTokenError extends Error {
  constructor(
    readonly code: 'TOKEN_EXPIRED' | 'TOKEN_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'SignedTokenError';
  }
}

export interface SignOptions {
  /** Lifetime in seconds (RFC 7519 `exp`). */
  expiresInSeconds: number;
  /** Issue time; default now. Pass the emission clock so tests and sweepers agree. */
  now?: Date;
}

/**
 * Signed, expiring tokens for links sent to people (survey answers, one-click unsubscribe, OAuth
 * `state`): compact JWS (RFC 7515/7519, HS256) made and checked with `jose`. Each purpose has its
 * own key, and the purpose is also the audience: a token minted for one use is refused by another.
 */
export class SignedTokens {
  constructor(private readonly secret: SecretKey) {}

  async sign(purpose: string, claims: Record<string, unknown>, options: SignOptions): Promise<string> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(purpose)
      .setIssuedAt(now)
      .setExpirationTime(now + options.expiresInSeconds)
      .sign(this.secret.derive(`token:${purpose}`));
  }

  /** The claims of a valid token for `purpose`; throws SignedTokenError (TOKEN_EXPIRED or TOKEN_INVALID). */
  async verify<C extends Record<string, unknown> = Record<string, unknown>>(purpose: string, token: string, now: Date = new Date()): Promise<C & { iat: number; exp: number }> {
    try {
      const { payload } = await jwtVerify(token, this.secret.derive(`token:${purpose}`), { audience: purpose, algorithms: ['HS256'], currentDate: now });
      return payload as C & { iat: number; exp: number };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new SignedTokenError('TOKEN_EXPIRED', `the ${purpose} token has expired`);
      throw new SignedTokenError('TOKEN_INVALID', `the ${purpose} token is not valid (${(err as Error).message})`);
    }
  }
}
