import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { OwnerType } from './owner';

/** The named client, contact or site does not exist for the acting tenant. */
export class AssetOwnerNotFoundError extends DomainNotFoundError {
  constructor(
    readonly ownerType: OwnerType,
    readonly ownerId: string,
  ) {
    super(ownerType, ownerId);
  }
}

export class AssetOwnerInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'ASSET_OWNER_INVALID', 'asset owner');
  }
}

/** unassign() on an asset nobody holds. */
export class AssetNotAssignedError extends DomainStateError {
  constructor(readonly assetId: string) {
    super(`Asset ${assetId} is not assigned to anyone`, 'ASSET_NOT_ASSIGNED');
  }
}
