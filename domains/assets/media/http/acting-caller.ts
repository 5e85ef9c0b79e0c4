import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { EmissionContextInit } from '../../../../lib/kit';

/**
 * Who an upload or download acts as: `X-Tenant-Id` and `X-User-Id` (UUIDs), stated by the caller
 * that holds the API token (routes that write sit behind ctx.requireApiToken). Undefined with the
 * name of the header at fault when one is missing or malformed.
 */
export function actingCaller(req: FastifyRequest, { needUser = true } = {}): { ctx: EmissionContextInit } | { missing: string } {
  const tenantId = req.headers['x-tenant-id'];
  const userId = req.headers['x-user-id'];
  if (typeof tenantId !== 'string' || !isUUID(tenantId, 'all')) return { missing: 'X-Tenant-Id' };
  if (needUser && (typeof userId !== 'string' || !isUUID(userId, 'all'))) return { missing: 'X-User-Id' };
  return { ctx: { tenantId: tenantId.toLowerCase(), actorUserId: typeof userId === 'string' && isUUID(userId, 'all') ? userId.toLowerCase() : undefined, actorType: 'USER' } };
}
