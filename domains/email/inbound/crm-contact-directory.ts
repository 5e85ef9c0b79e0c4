import { injectable } from 'tsyringe';
import { ContactService } from '../../crm';
import { EmailContactDirectory, KnownContact } from './contact-directory';

/** The CRM's contacts answer who wrote: an active contact whose address matches (case-insensitively). Archived contacts open no tickets. */
@injectable()
export class CrmContactDirectory extends EmailContactDirectory {
  constructor(private readonly contacts: ContactService) {
    super();
  }

  async findByEmail(email: string): Promise<KnownContact | undefined> {
    const contact = await this.contacts.findByEmail(email);
    if (!contact || contact.archivedAt) return undefined;
    return { contactId: contact.id, clientId: contact.clientId };
  }
}
