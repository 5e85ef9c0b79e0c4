import { EmissionContextView, iso, when } from '../../../lib/kit';
import { Client, ClientChange } from './client';

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

const changed = (c: ClientChange) => c.updatedFields.length > 0;

export const clientUpdated = when(changed, (c: ClientChange, ctx) => ({
  clientId: c.after.id,
  updatedByUserId: ctx.actorUserId!,
  updatedAt: iso(c.at),
  updatedFields: c.updatedFields,
  changes: c.changes,
}));

/** The legacy shape: `changes` holds the new value of each edited field (`{"name":"Acme Dental Group"}`). */
export const companyUpdated = when(changed, (c: ClientChange, ctx) => ({
  clientId: c.after.id,
  userId: ctx.actorUserId,
  changes: Object.fromEntries(Object.entries(c.changes).map(([k, v]) => [k, v.new])),
}));

export const clientStatusChanged = when(changed, (c: ClientChange, ctx) => ({
  clientId: c.after.id,
  previousStatus: c.before.status,
  newStatus: c.after.status,
  actorUserId: ctx.actorUserId!,
  changedAt: iso(c.at),
}));

export const clientOwnerAssigned = when(changed, (c: ClientChange, ctx) => ({
  clientId: c.after.id,
  previousOwnerUserId: c.before.ownerUserId,
  newOwnerUserId: c.after.ownerUserId!,
  assignedByUserId: ctx.actorUserId!,
  assignedAt: iso(c.at),
}));

export const clientArchived = (c: Client) => ({
  clientId: c.id,
  archivedByUserId: c.archivedByUserId!,
  archivedAt: iso(c.archivedAt!),
  reason: c.archiveReason,
});
