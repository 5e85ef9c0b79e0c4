import { injectable } from 'tsyringe';
import { actionTime, currentTenant, requireStaff, UnitOfWork } from '../../../../lib/kit';
import { AssetSettings } from '../../settings';
import { UploadInputError } from './upload-errors';

/**
 * The largest upload each tenant may store, in bytes: the tenant's own limit, else
 * AssetSettings.defaultMaxUploadBytes. Applies to files and documents alike. Setting a limit
 * emits nothing (no spec event covers tenant settings).
 */
@injectable()
export class UploadLimits {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: AssetSettings,
  ) {}

  async limitFor(): Promise<number> {
    const row = await this.uow.db('media_upload_limits').where({ tenant: currentTenant('UploadLimits.limitFor') }).first('max_bytes');
    return row ? Number(row.max_bytes) : this.settings.defaultMaxUploadBytes;
  }

  /** Sets the acting tenant's limit (a whole number of bytes ≥ 1); staff only. */
  async setLimit(maxBytes: number): Promise<void> {
    const tenant = currentTenant('UploadLimits.setLimit');
    requireStaff('UploadLimits.setLimit');
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new UploadInputError('maxBytes', 'must be a whole number of bytes ≥ 1');
    await this.uow.db('media_upload_limits').insert({ tenant, max_bytes: maxBytes, updated_at: actionTime() }).onConflict('tenant').merge(['max_bytes', 'updated_at']);
  }
}
