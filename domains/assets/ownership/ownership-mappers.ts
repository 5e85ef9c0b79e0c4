import { iso, when } from '../../../lib/kit';
import { OwnershipChange } from './ownership';

/** Ownership changes → payloads of ASSET_ASSIGNED and ASSET_UNASSIGNED. */

const sameOwner = (c: OwnershipChange) => c.previous?.type === c.next?.type && c.previous?.id === c.next?.id;

export const assetAssigned = when(
  (c: OwnershipChange) => !!c.next && !sameOwner(c),
  (c) => ({
    assetId: c.asset.id,
    previousOwnerType: c.previous?.type,
    previousOwnerId: c.previous?.id,
    newOwnerType: c.next!.type,
    newOwnerId: c.next!.id,
    actorUserId: c.byUserId,
    assignedAt: iso(c.at),
  }),
);

export const assetUnassigned = when(
  (c: OwnershipChange) => !!c.previous && !c.next,
  (c) => ({ assetId: c.asset.id, previousOwnerType: c.previous!.type, previousOwnerId: c.previous!.id, actorUserId: c.byUserId, unassignedAt: iso(c.at), reason: c.reason }),
);
