import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { RowLock, withRowLock } from '../shared/row-locks';
import { emailKey, looksLikeId } from '../shared/input-checks';
import { Contact } from './contact';
import { ContactArchivedError, ContactEmailTakenError, ContactNotFoundError } from './contact-errors';
import { toContact } from './contact-rows';

/** Tenant-scoped reads of contacts through the current transaction, shared by the CRM services. */
@injectable()
export class ContactRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The contact, or ContactNotFoundError. `forUpdate` / `forShare` lock its row until commit (PostgreSQL, see RowLock). */
  async get(contactId: string, options: { forUpdate?: boolean; forShare?: boolean } = {}): Promise<Contact> {
    const lock: RowLock = options.forUpdate ? 'update' : options.forShare ? 'share' : undefined;
    if (!looksLikeId(contactId)) throw new ContactNotFoundError(String(contactId));
    const db = this.uow.db;
    const row = await this.scoped()
      .where({ contact_id: contactId.toLowerCase() })
      .modify(withRowLock(db, lock))
      .first();
    if (!row) throw new ContactNotFoundError(contactId);
    return toContact(row);
  }

  async getActive(contactId: string, action: string, options: { forUpdate?: boolean; forShare?: boolean } = {}): Promise<Contact> {
    const contact = await this.get(contactId, options);
    if (contact.archivedAt) throw new ContactArchivedError(contact.id, action);
    return contact;
  }

  /** The live (not archived) contact with this address, compared case-insensitively. */
  async findLiveByEmail(address: string): Promise<Contact | undefined> {
    const row = await this.scoped().where({ email_key: emailKey(address) }).whereNull('archived_at').first();
    return row ? toContact(row) : undefined;
  }

  /** ContactEmailTakenError when another live contact has the address. */
  async assertEmailFree(address: string | null | undefined, exceptContactId?: string): Promise<void> {
    if (!address) return;
    const holder = await this.findLiveByEmail(address);
    if (holder && holder.id !== exceptContactId) throw new ContactEmailTakenError(address, holder.id);
  }

  /** The client's contacts, oldest first (`live`: not archived only). */
  async ofClient(clientId: string, { live = false } = {}): Promise<Contact[]> {
    const rows = await this.scoped()
      .where({ client_id: clientId })
      .modify((q) => (live ? q.whereNull('archived_at') : q))
      .orderBy([{ column: 'created_at' }, { column: 'contact_id' }]);
    return rows.map(toContact);
  }

  private scoped() {
    return this.uow.db('crm_contacts').where({ tenant: currentTenant('ContactRepository') });
  }
}
