/** Tokens as one token endpoint answer gave them (RFC 6749 §5.1), with lifetimes turned into instants. */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** Undefined when the provider stated no lifetime (expires_in absent or 0). */
  accessTokenExpiresAt?: Date;
  /** From refresh_token_expires_in (or Intuit's x_refresh_token_expires_in), when the provider states it. */
  refreshTokenExpiresAt?: Date;
}

/**
 * A lifetime in seconds from a token response field. expires_in is RECOMMENDED, not required
 * (RFC 6749 §5.1): absent means unknown. Several providers send 0 for "does not expire" and some
 * send numbers as strings ("3600"): 0 reads as unknown, a numeric string as its number, anything
 * else (negative, not a number) as unknown.
 */
export function lifetimeSeconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const after = (receivedAt: Date, seconds: number | undefined) => (seconds === undefined ? undefined : new Date(receivedAt.getTime() + Math.floor(seconds * 1000)));

/** Reads a token endpoint response (already checked by the OAuth client library) received at `receivedAt`. */
export function tokenGrantOf(response: Record<string, unknown>, receivedAt: Date): TokenGrant {
  return {
    accessToken: String(response.access_token),
    refreshToken: typeof response.refresh_token === 'string' && response.refresh_token ? response.refresh_token : undefined,
    tokenType: String(response.token_type ?? 'bearer'),
    scope: typeof response.scope === 'string' ? response.scope : undefined,
    accessTokenExpiresAt: after(receivedAt, lifetimeSeconds(response.expires_in)),
    refreshTokenExpiresAt: after(receivedAt, lifetimeSeconds(response.refresh_token_expires_in ?? response.x_refresh_token_expires_in)),
  };
}
