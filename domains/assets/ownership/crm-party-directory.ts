import { injectable } from 'tsyringe';
import { ClientNotFoundError, ClientService, ContactNotFoundError, ContactService } from '../../crm';
import { PartyDirectory } from './party-directory';

/**
 * Clients and contacts as CRM knows them, through its public services. Archived ones still exist
 * (an archived client's old laptop can still be recorded against it); unknown ids and other
 * tenants' ids do not.
 */
@injectable()
export class CrmPartyDirectory extends PartyDirectory {
  constructor(
    private readonly clients: ClientService,
    private readonly contacts: ContactService,
  ) {
    super();
  }

  async clientExists(clientId: string): Promise<boolean> {
    return this.clients.get(clientId).then(
      () => true,
      (err) => (err instanceof ClientNotFoundError ? false : Promise.reject(err)),
    );
  }

  async contactExists(contactId: string): Promise<boolean> {
    return this.contacts.get(contactId).then(
      () => true,
      (err) => (err instanceof ContactNotFoundError ? false : Promise.reject(err)),
    );
  }
}
