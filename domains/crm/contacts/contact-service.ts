import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ClientRepository } from '../clients/client-repository';
import { emailKey } from '../shared/input-checks';
import { Contact, CreateContactInput } from './contact';
import { checkCreateContact, searchKey } from './contact-input';
import { contactCreated } from './contact-mappers';
import { ContactRepository } from './contact-repository';
import { saveEmailSafely } from './contact-email';

/** People at a client: creating, reading, finding by email. Writes are staff-only. */
@injectable()
export class ContactService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
  ) {}

  /**
   * Adds a contact under a live client. Emits CONTACT_CREATED. Refused, with nothing written:
   * ContactInputError naming the field (blank fullName, malformed email, clientId no UUID),
   * ContactEmailTakenError (field `email`) when a live contact of the tenant has the address,
   * ClientNotFoundError, ClientArchivedError.
   */
  @EmitsEvent('CONTACT_CREATED', contactCreated)
  async create(input: CreateContactInput): Promise<Contact> {
    const tenant = currentTenant('ContactService.create');
    const userId = requireStaff('ContactService.create');
    const fields = checkCreateContact(input);
    await this.clients.getActive(fields.clientId, 'add a contact', { field: 'clientId', forShare: true });
    await this.contacts.assertEmailFree(fields.email);
    const id = uuidv4();
    const now = actionTime();
    await saveEmailSafely(fields.email, () => this.uow.db('crm_contacts').insert({
      contact_id: id,
      tenant,
      client_id: fields.clientId,
      full_name: fields.fullName,
      email: fields.email ?? null,
      email_key: fields.email ? emailKey(fields.email) : null,
      phone_number: fields.phoneNumber ?? null,
      job_title: fields.jobTitle ?? null,
      is_primary: false,
      created_by_user_id: userId,
      created_at: now,
      updated_at: now,
    }));
    return this.contacts.get(id);
  }

  /** The contact (archived ones too); ContactNotFoundError for an unknown id or another tenant's. */
  get(contactId: string): Promise<Contact> {
    return this.contacts.get(contactId);
  }

  /**
   * The live contact whose email address is `address`, compared case-insensitively after
   * trimming (`Dana <DANA@acme.test>` finds dana@acme.test); undefined when there is none.
   * Archived and merged contacts are not found. The contact carries its `clientId`; its client
   * may be archived (ask ClientService.assertActive before attaching new work to it).
   */
  async findByEmail(address: string): Promise<Contact | undefined> {
    currentTenant('ContactService.findByEmail');
    const key = searchKey(address);
    return key ? this.contacts.findLiveByEmail(key) : undefined;
  }

  /** The client's contacts, oldest first; `live` leaves archived ones out. */
  listForClient(clientId: string, options: { live?: boolean } = {}): Promise<Contact[]> {
    return this.clients.get(clientId).then((c) => this.contacts.ofClient(c.id, options));
  }
}
