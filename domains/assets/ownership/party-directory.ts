import { injectable } from 'tsyringe';

/**
 * Whether a client or contact exists for the acting tenant: a port, because clients and contacts
 * belong to the CRM module. Assets (owners, an asset's client) and documents (association targets)
 * ask it before writing a reference, so no asset points at a client that does not exist.
 *
 * The default binding, UncheckedPartyDirectory, accepts every id: it is what a runtime without CRM
 * gets. A runtime with CRM binds CrmPartyDirectory (through `provides`), which asks CRM's public
 * services.
 */
export abstract class PartyDirectory {
  abstract clientExists(clientId: string): Promise<boolean>;
  abstract contactExists(contactId: string): Promise<boolean>;
}

/** Accepts every well-formed id: for runtimes without the CRM module (no clients to check against). */
@injectable()
export class UncheckedPartyDirectory extends PartyDirectory {
  async clientExists(): Promise<boolean> {
    return true;
  }
  async contactExists(): Promise<boolean> {
    return true;
  }
}
