import { injectable } from 'tsyringe';

/** A client contact known by an email address. */
export interface KnownContact {
  contactId: string;
  clientId: string;
}

/**
 * Port: who wrote this? The email module asks for the contact behind a sender address to open
 * tickets for known contacts only. The CRM module's contacts answer it; without one, nobody is known.
 */
export abstract class EmailContactDirectory {
  abstract findByEmail(email: string): Promise<KnownContact | undefined>;
}

/** Without a contact directory no sender is known: mail is received, but opens no tickets. */
@injectable()
export class NoContactDirectory extends EmailContactDirectory {
  async findByEmail(): Promise<KnownContact | undefined> {
    return undefined;
  }
}
