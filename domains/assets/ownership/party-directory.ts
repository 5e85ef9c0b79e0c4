import { injectable } from 'tsyringe';

/**
 * Whether a client or contact exists for the acting tenant: a port, because clients and contacts
 * belong to the CRM module. Assets (owners, an asset's client) and documents (association targets)
 * ask it before writing a reference, so no asset points at a client that does not exist.
 *
 * The module binds CrmPartyDirectory (CRM's public services). UncheckedPartyDirectory accepts every
 * id, for an application that runs assets with a client register of its own (bind it, or its own).
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
