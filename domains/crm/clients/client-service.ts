import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { Client, CreateClientInput } from './client';
import { checkCreateClient } from './client-input';
import { clientCreated, companyCreated } from './client-mappers';
import { ClientArchivedError } from './client-errors';
import { looksLikeId } from '../shared/input-checks';
import { withRowLock } from '../shared/row-locks';
import { ClientRepository } from './client-repository';

/**
 * Client accounts: creating, reading and the checks other modules make (a client exists and is
 * not archived). Every write is staff-only (StaffActorRequiredError otherwise).
 */
@injectable()
export class ClientService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
  ) {}

  /**
   * Adds a client (status `prospect` unless given). Emits CLIENT_CREATED and the legacy
   * COMPANY_CREATED. ClientInputError naming the field for a blank name, an unknown status, an
   * owner that is no UUID; nothing is written then.
   */
  @EmitsEvent('CLIENT_CREATED', clientCreated)
  @EmitsEvent('COMPANY_CREATED', companyCreated)
  async create(input: CreateClientInput): Promise<Client> {
    const tenant = currentTenant('ClientService.create');
    const userId = requireStaff('ClientService.create');
    const fields = checkCreateClient(input);
    const id = uuidv4();
    const now = actionTime();
    await this.uow.db('crm_clients').insert({
      client_id: id,
      tenant,
      name: fields.name,
      status: fields.status,
      owner_user_id: fields.ownerUserId ?? null,
      website: fields.website ?? null,
      phone_number: fields.phoneNumber ?? null,
      industry: fields.industry ?? null,
      created_by_user_id: userId,
      created_at: now,
      updated_at: now,
    });
    return this.clients.get(id);
  }

  /** The client (archived ones too); ClientNotFoundError for an unknown id or another tenant's. */
  get(clientId: string): Promise<Client> {
    return this.clients.get(clientId);
  }

  /**
   * Resolves with the client when it exists and is not archived: what other modules check before
   * attaching new work to a client. ClientNotFoundError / ClientArchivedError (code CLIENT_ARCHIVED,
   * field `clientId`) otherwise.
   */
  assertActive(clientId: string, action = 'use the client'): Promise<Client> {
    return this.clients.getActive(clientId, action);
  }

  /**
   * The rule for modules that accept opaque client ids (tickets, appointments, projects): an
   * archived client is refused (ClientArchivedError, code CLIENT_ARCHIVED, field `field`); an id
   * the CRM does not know passes, as does a malformed one (the caller checks the format).
   */
  async assertNotArchived(clientId: string, action = 'use the client', field = 'clientId'): Promise<void> {
    if (!looksLikeId(clientId)) return;
    const db = this.uow.db;
    // Held as read until commit: a merge or archive of this client waits for the new work, or it for them.
    const row = await db('crm_clients')
      .where({ client_id: clientId.toLowerCase(), tenant: currentTenant('ClientService.assertNotArchived') })
      .modify(withRowLock(db, 'share'))
      .first('archived_at');
    if (row?.archived_at) throw new ClientArchivedError(clientId.toLowerCase(), action, field);
  }
}
