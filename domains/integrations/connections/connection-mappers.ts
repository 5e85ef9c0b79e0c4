import { iso, isoOrUndefined } from '../../../lib/kit';
import { Connection, Disconnection } from './connection';

export const connected = (c: Connection) => ({
  tenantId: c.tenantId,
  integrationId: c.integrationId,
  provider: c.provider,
  connectionId: c.id,
  connectedAt: iso(c.connectedAt),
  connectedByUserId: c.connectedByUserId,
});

const disconnectedPayload = (c: Connection) => ({
  tenantId: c.tenantId,
  integrationId: c.integrationId,
  provider: c.provider,
  connectionId: c.id,
  disconnectedAt: isoOrUndefined(c.disconnectedAt)!,
  disconnectedByUserId: c.disconnectedByUserId,
  reason: c.disconnectReason,
});

export const disconnectedByUser = (d: Disconnection) => disconnectedPayload(d.connection);

/** Nothing when the connection was disconnected already (a repeated revocation notice). */
export const disconnectedByProvider = (c: Connection | undefined) => (c ? { ...disconnectedPayload(c), actorType: 'SYSTEM' as const } : undefined);
