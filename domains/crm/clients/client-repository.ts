import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { RowLock, withRowLock } from '../shared/row-locks';
import { looksLikeId } from '../shared/input-checks';
import { Client } from './client';
import { ClientArchivedError, ClientNotFoundError } from './client-errors';
import { toClient } from './client-rows';

/** Tenant-scoped reads of clients through the current transaction, shared by the CRM services. */
@injectable()
export class ClientRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * The client, or ClientNotFoundError (also for another tenant's id or a malformed one).
   * `forUpdate` locks the row until commit on PostgreSQL (actions changing one client run one after
   * the other); `forShare` holds it as read while something is attached to it (see RowLock).
   */
  async get(clientId: string, options: { forUpdate?: boolean; forShare?: boolean } = {}): Promise<Client> {
    const lock: RowLock = options.forUpdate ? 'update' : options.forShare ? 'share' : undefined;
    if (!looksLikeId(clientId)) throw new ClientNotFoundError(String(clientId));
    const db = this.uow.db;
    const row = await db('crm_clients')
      .where({ client_id: clientId.toLowerCase(), tenant: currentTenant('ClientRepository.get') })
      .modify(withRowLock(db, lock))
      .first();
    if (!row) throw new ClientNotFoundError(clientId);
    return toClient(row);
  }

  /** The client if it is not archived; ClientArchivedError naming `field` otherwise. */
  async getActive(clientId: string, action: string, options: { forUpdate?: boolean; forShare?: boolean; field?: string } = {}): Promise<Client> {
    const client = await this.get(clientId, options);
    if (client.archivedAt) throw new ClientArchivedError(client.id, action, options.field);
    return client;
  }
}
