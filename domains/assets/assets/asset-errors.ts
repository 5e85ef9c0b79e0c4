import { DomainInputError, DomainNotFoundError } from '../../../lib/kit';

export class AssetNotFoundError extends DomainNotFoundError {
  constructor(readonly assetId: string) {
    super('asset', assetId);
  }
}

/** create()/update() refused their input before writing anything; `field` names what is wrong. */
export class AssetInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'ASSET_INPUT_INVALID', 'asset input');
  }
}
