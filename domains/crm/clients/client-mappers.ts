import { EmissionContextView, iso } from '../../../lib/kit';
import { Client } from './client';

/** Result → payload for the CLIENT_* and legacy COMPANY_* events. */

export const clientCreated = (c: Client) => ({
  clientId: c.id,
  clientName: c.name,
  createdByUserId: c.createdByUserId,
  createdAt: iso(c.createdAt),
  status: c.status,
});

/** The legacy shape: the fields the company was created with as `changes`. */
export const companyCreated = (c: Client, _args: unknown, ctx: EmissionContextView) => ({
  clientId: c.id,
  userId: ctx.actorUserId,
  changes: Object.fromEntries(
    Object.entries({ name: c.name, status: c.status, ownerUserId: c.ownerUserId, website: c.website, phoneNumber: c.phoneNumber, industry: c.industry }).filter(
      ([, v]) => v !== undefined,
    ),
  ),
});
