import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, diffFields, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { AssetOwnerNotFoundError } from '../ownership/ownership-errors';
import { PartyDirectory } from '../ownership/party-directory';
import { Asset, AssetChangeSet, AssetPatch, CreateAssetInput } from './asset';
import { optionalDate, optionalText, optionalUuid, requiredText } from './asset-input';
import { AssetInputError } from './asset-errors';
import { assetCreated, assetUpdated } from './asset-mappers';
import { AssetRepository } from './asset-repository';
import { editableView } from './asset-rows';

const EDITABLE = ['name', 'assetType', 'serialNumber', 'clientId', 'warrantyExpiresAt'];
const COLUMN: Record<string, string> = { name: 'name', assetType: 'asset_type', serialNumber: 'serial_number', clientId: 'client_id', warrantyExpiresAt: 'warranty_expires_at' };

/** Registering and editing assets (staff only). Ownership is OwnershipService. */
@injectable()
export class AssetService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repository: AssetRepository,
    private readonly parties: PartyDirectory,
  ) {}

  /**
   * Registers an asset. `name` 1..200 characters; `assetType`, `serialNumber` up to 100; `clientId`
   * must name an existing client (PartyDirectory). AssetInputError / AssetOwnerNotFoundError otherwise.
   */
  @EmitsEvent('ASSET_CREATED', assetCreated)
  async create(input: CreateAssetInput): Promise<Asset> {
    const tenant = currentTenant('AssetService.create');
    const userId = requireStaff('AssetService.create');
    const name = requiredText('name', input?.name, 200);
    const assetType = optionalText('assetType', input.assetType, 100);
    const serialNumber = optionalText('serialNumber', input.serialNumber, 100);
    const clientId = optionalUuid('clientId', input.clientId);
    const warranty = optionalDate('warrantyExpiresAt', input.warrantyExpiresAt);
    if (clientId && !(await this.parties.clientExists(clientId))) throw new AssetOwnerNotFoundError('client', clientId);
    const now = actionTime();
    const id = uuidv4();
    await this.uow.db('assets').insert({
      asset_id: id,
      tenant,
      name,
      asset_type: assetType ?? null,
      serial_number: serialNumber ?? null,
      client_id: clientId ?? null,
      warranty_expires_at: warranty ?? null,
      created_by_user_id: userId,
      created_at: now,
      updated_at: now,
    });
    return this.repository.get(id);
  }

  /**
   * Edits the fields of `patch` (absent: unchanged; null: cleared; `name` cannot be cleared).
   * Emits ASSET_UPDATED with the changed fields only; a patch that changes nothing writes and
   * emits nothing. Unknown keys are refused (AssetInputError naming the key).
   */
  @EmitsEvent('ASSET_UPDATED', assetUpdated)
  async update(assetId: string, patch: AssetPatch): Promise<AssetChangeSet> {
    const userId = requireStaff('AssetService.update');
    const unknown = Object.keys(patch ?? {}).find((k) => !EDITABLE.includes(k));
    if (unknown) throw new AssetInputError(unknown, `cannot be edited (editable: ${EDITABLE.join(', ')})`);
    const values: Record<string, unknown> = {};
    if (patch.name !== undefined) values.name = requiredText('name', patch.name, 200);
    if (patch.assetType !== undefined) values.assetType = optionalText('assetType', patch.assetType, 100);
    if (patch.serialNumber !== undefined) values.serialNumber = optionalText('serialNumber', patch.serialNumber, 100);
    if (patch.clientId !== undefined) values.clientId = optionalUuid('clientId', patch.clientId);
    if (patch.warrantyExpiresAt !== undefined) values.warrantyExpiresAt = optionalDate('warrantyExpiresAt', patch.warrantyExpiresAt)?.toISOString() ?? null;
    const before = await this.repository.get(assetId, { lock: true });
    const current = editableView(before);
    const { changes } = diffFields(current, { ...current, ...values });
    const at = actionTime();
    if (Object.keys(changes).length) {
      const clientId = changes.clientId?.new as string | null | undefined;
      if (clientId && !(await this.parties.clientExists(clientId))) throw new AssetOwnerNotFoundError('client', clientId);
      const row: Record<string, unknown> = { updated_at: at };
      for (const [field, change] of Object.entries(changes)) row[COLUMN[field]] = field === 'warrantyExpiresAt' && change.new ? new Date(change.new as string) : change.new;
      await this.uow.db('assets').where({ asset_id: before.id, tenant: before.tenantId }).update(row);
    }
    return { before, after: await this.repository.get(before.id), changes, byUserId: userId, at };
  }

  get(assetId: string): Promise<Asset> {
    return this.repository.get(assetId);
  }
}
