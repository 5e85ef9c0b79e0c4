import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, readDate, UnitOfWork } from '../../../lib/kit';
import { requiredText } from '../assets/asset-input';
import { AssetOwnerInputError, AssetOwnerNotFoundError } from '../ownership/ownership-errors';
import { PartyDirectory } from '../ownership/party-directory';
import { Site } from './site';

/**
 * Sites that can hold assets. No MSP module owns sites and the spec has no site events, so the
 * assets module keeps them as plain records: registering one emits nothing.
 */
@injectable()
export class SiteService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly parties: PartyDirectory,
  ) {}

  /** Registers a site (name 1..200 characters, optionally of a client that must exist). */
  async create(input: { name: string; clientId?: string }): Promise<Site> {
    const tenant = currentTenant('SiteService.create');
    const name = requiredText('name', input.name, 200);
    if (input.clientId !== undefined && (typeof input.clientId !== 'string' || !isUUID(input.clientId, 'all'))) throw new AssetOwnerInputError('clientId', 'must be a UUID');
    if (input.clientId && !(await this.parties.clientExists(input.clientId))) throw new AssetOwnerNotFoundError('client', input.clientId);
    const id = uuidv4();
    await this.uow.db('asset_sites').insert({ site_id: id, tenant, name, client_id: input.clientId?.toLowerCase() ?? null, created_at: actionTime() });
    return this.get(id) as Promise<Site>;
  }

  /** The site, or undefined for an unknown (or another tenant's) id. */
  async get(siteId: string): Promise<Site | undefined> {
    if (!isUUID(siteId, 'all')) return undefined;
    const row = await this.uow.db('asset_sites').where({ site_id: siteId.toLowerCase(), tenant: currentTenant('SiteService.get') }).first();
    return row ? { id: row.site_id, tenantId: row.tenant, name: row.name, clientId: row.client_id ?? undefined, createdAt: readDate(row.created_at)! } : undefined;
  }
}
