import { injectable } from 'tsyringe';
import { actionTime, currentTenant, diffFields, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { Client, ClientChange, ClientPatch, ClientStatus } from './client';
import { ClientInputError } from './client-errors';
import { checkClientPatch, checkStatus } from './client-input';
import { clientArchived, clientOwnerAssigned, clientStatusChanged, clientUpdated, companyUpdated } from './client-mappers';
import { ClientRepository } from './client-repository';
import { optionalText, requiredUuid } from '../shared/input-checks';

const fail = (field: string, reason: string) => new ClientInputError(field, reason);

/** The details a client edit can change, by the dot-path CLIENT_UPDATED reports them under. */
const editable = (c: Client) => ({ name: c.name, website: c.website ?? null, phoneNumber: c.phoneNumber ?? null, industry: c.industry ?? null });

/**
 * Editing a client after creation: details, lifecycle status, account manager, archive. Each
 * action locks the client row (concurrent edits run one after the other, so "previous" values stay
 * true), refuses an archived client (ClientArchivedError) and emits nothing when it changes nothing.
 */
@injectable()
export class ClientLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
  ) {}

  /**
   * Saves new details (name, website, phoneNumber, industry; `null` clears an optional one).
   * Emits CLIENT_UPDATED with updatedFields and changes, and the legacy COMPANY_UPDATED. Status and
   * owner are not edited here (changeStatus, assignOwner). ClientInputError naming the field.
   */
  @EmitsEvent('CLIENT_UPDATED', clientUpdated)
  @EmitsEvent('COMPANY_UPDATED', companyUpdated)
  async update(clientId: string, patch: ClientPatch): Promise<ClientChange> {
    requireStaff('ClientLifecycleService.update');
    const checked = checkClientPatch(patch);
    return this.save(clientId, 'update the client', (c) => ({ ...c, ...definedOf(checked) }), editable);
  }

  /** Moves the client to another lifecycle status (prospect, active, inactive). Emits CLIENT_STATUS_CHANGED; the same status emits nothing. */
  @EmitsEvent('CLIENT_STATUS_CHANGED', clientStatusChanged)
  async changeStatus(clientId: string, status: ClientStatus): Promise<ClientChange> {
    requireStaff('ClientLifecycleService.changeStatus');
    const next = checkStatus(status);
    return this.save(clientId, 'change the status of the client', (c) => ({ ...c, status: next }), (c) => ({ status: c.status }));
  }

  /** Makes `ownerUserId` the client's account manager. Emits CLIENT_OWNER_ASSIGNED naming the previous owner; the same owner emits nothing. */
  @EmitsEvent('CLIENT_OWNER_ASSIGNED', clientOwnerAssigned)
  async assignOwner(clientId: string, ownerUserId: string): Promise<ClientChange> {
    requireStaff('ClientLifecycleService.assignOwner');
    const owner = requiredUuid(fail, 'ownerUserId', ownerUserId);
    return this.save(clientId, 'assign an owner to the client', (c) => ({ ...c, ownerUserId: owner }), (c) => ({ ownerUserId: c.ownerUserId ?? null }));
  }

  /**
   * Archives the client: it keeps its history but takes no edits, contacts, tickets or
   * appointments any more (the CRM's ticket and appointment policies refuse it). Emits
   * CLIENT_ARCHIVED; archiving an archived client is refused (ClientArchivedError).
   */
  @EmitsEvent('CLIENT_ARCHIVED', clientArchived)
  async archive(clientId: string, options: { reason?: string } = {}): Promise<Client> {
    const tenant = currentTenant('ClientLifecycleService.archive');
    const userId = requireStaff('ClientLifecycleService.archive');
    const reason = optionalText(fail, 'reason', options.reason, 2000) ?? null;
    const client = await this.clients.getActive(clientId, 'archive the client', { forUpdate: true });
    const now = actionTime();
    await this.uow
      .db('crm_clients')
      .where({ client_id: client.id, tenant })
      .whereNull('archived_at')
      .update({ archived_at: now, archived_by_user_id: userId, archive_reason: reason, updated_at: now });
    return this.clients.get(client.id);
  }

  private async save(clientId: string, action: string, change: (c: Client) => Client, view: (c: Client) => Record<string, unknown>): Promise<ClientChange> {
    const tenant = currentTenant('ClientLifecycleService');
    const before = await this.clients.getActive(clientId, action, { forUpdate: true });
    const desired = change(before);
    const at = actionTime();
    const diff = diffFields(view(before), view(desired));
    if (!diff.updatedFields.length) return { before, after: before, at, ...diff };
    await this.uow
      .db('crm_clients')
      .where({ client_id: before.id, tenant })
      .update({
        name: desired.name,
        status: desired.status,
        owner_user_id: desired.ownerUserId ?? null,
        website: desired.website ?? null,
        phone_number: desired.phoneNumber ?? null,
        industry: desired.industry ?? null,
        updated_at: at,
      });
    return { before, after: await this.clients.get(before.id), at, ...diff };
  }
}

/** The patch's keys that are set; null becomes undefined (cleared). */
function definedOf(patch: ClientPatch): Partial<Client> {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v ?? undefined]));
}
