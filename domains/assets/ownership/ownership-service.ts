import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { AssetRepository } from '../assets/asset-repository';
import { optionalText } from '../assets/asset-input';
import { SiteService } from '../sites/site-service';
import { AssetOwner, OWNER_TYPES } from './owner';
import { OwnershipChange } from './ownership';
import { AssetNotAssignedError, AssetOwnerInputError, AssetOwnerNotFoundError } from './ownership-errors';
import { assetAssigned, assetUnassigned } from './ownership-mappers';
import { PartyDirectory } from './party-directory';

/**
 * Who holds an asset: a client, a contact or a site. The asset row is locked for the change, so
 * two concurrent assignments run one after the other and each names the true previous holder.
 */
@injectable()
export class OwnershipService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AssetRepository,
    private readonly parties: PartyDirectory,
    private readonly sites: SiteService,
  ) {}

  /**
   * Gives the asset to `owner` (which must exist: clients and contacts through PartyDirectory,
   * sites here). ASSET_ASSIGNED names the previous holder; the current holder again is a no-op.
   */
  @EmitsEvent('ASSET_ASSIGNED', assetAssigned)
  async assign(assetId: string, owner: AssetOwner): Promise<OwnershipChange> {
    const byUserId = requireStaff('OwnershipService.assign');
    if (!OWNER_TYPES.includes(owner?.type)) throw new AssetOwnerInputError('owner.type', `must be one of ${OWNER_TYPES.join(', ')}`);
    if (typeof owner.id !== 'string' || !isUUID(owner.id, 'all')) throw new AssetOwnerInputError('owner.id', 'must be a UUID');
    const next: AssetOwner = { type: owner.type, id: owner.id.toLowerCase() };
    await this.requireOwner(next);
    const asset = await this.repository.get(assetId, { lock: true });
    const previous = asset.ownerType && asset.ownerId ? { type: asset.ownerType, id: asset.ownerId } : undefined;
    const at = actionTime();
    if (previous?.type === next.type && previous.id === next.id) return { asset, previous, next, byUserId, at };
    await this.uow.db('assets').where({ asset_id: asset.id, tenant: asset.tenantId }).update({ owner_type: next.type, owner_id: next.id, updated_at: at });
    return { asset: await this.repository.get(asset.id), previous, next, byUserId, at };
  }

  /** Releases the asset from its holder (ASSET_UNASSIGNED); AssetNotAssignedError when nobody holds it. */
  @EmitsEvent('ASSET_UNASSIGNED', assetUnassigned)
  async unassign(assetId: string, options: { reason?: string } = {}): Promise<OwnershipChange> {
    const byUserId = requireStaff('OwnershipService.unassign');
    const reason = optionalText('reason', options.reason, 500) ?? undefined;
    const asset = await this.repository.get(assetId, { lock: true });
    if (!asset.ownerType || !asset.ownerId) throw new AssetNotAssignedError(asset.id);
    const at = actionTime();
    await this.uow.db('assets').where({ asset_id: asset.id, tenant: asset.tenantId }).update({ owner_type: null, owner_id: null, updated_at: at });
    return { asset: await this.repository.get(asset.id), previous: { type: asset.ownerType, id: asset.ownerId }, byUserId, at, reason };
  }

  private async requireOwner(owner: AssetOwner): Promise<void> {
    const exists =
      owner.type === 'client' ? await this.parties.clientExists(owner.id) : owner.type === 'contact' ? await this.parties.contactExists(owner.id) : !!(await this.sites.get(owner.id));
    if (!exists) throw new AssetOwnerNotFoundError(owner.type, owner.id);
  }
}
