import { injectable } from 'tsyringe';
import { actionTime, currentTenant, diffFields, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ClientRepository } from '../clients/client-repository';
import { emailKey, optionalText } from '../shared/input-checks';
import { Contact, ContactChange, ContactPatch, PrimaryChange } from './contact';
import { ContactInputError } from './contact-errors';
import { saveEmailSafely } from './contact-email';
import { checkContactPatch } from './contact-input';
import { contactArchived, contactPrimarySet, contactUpdated } from './contact-mappers';
import { ContactRepository } from './contact-repository';

/** The details a contact edit can change, by the dot-path CONTACT_UPDATED reports them under. */
export const contactView = (c: Contact) => ({
  clientId: c.clientId,
  fullName: c.fullName,
  email: c.email ?? null,
  phoneNumber: c.phoneNumber ?? null,
  jobTitle: c.jobTitle ?? null,
});

/**
 * Editing contacts: details, the client's primary contact, archive. Staff only. A contact of an
 * archived client takes no edits (ClientArchivedError); an archived contact neither (ContactArchivedError).
 */
@injectable()
export class ContactLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
  ) {}

  /**
   * Saves new details (fullName, email, phoneNumber, jobTitle; `null` clears an optional one).
   * Emits CONTACT_UPDATED with updatedFields and changes; a save that changes nothing emits
   * nothing. ContactInputError naming the field; ContactEmailTakenError when another live contact
   * of the tenant has the address (also when two saves race for it: the unique key decides).
   */
  @EmitsEvent('CONTACT_UPDATED', contactUpdated)
  async update(contactId: string, patch: ContactPatch): Promise<ContactChange> {
    const tenant = currentTenant('ContactLifecycleService.update');
    requireStaff('ContactLifecycleService.update');
    const checked = checkContactPatch(patch);
    // Client before contact, the order merges lock them in (no deadlock between the two).
    const found = await this.contacts.get(contactId);
    await this.clients.getActive(found.clientId, 'update a contact of the client', { forShare: true });
    const before = await this.contacts.getActive(found.id, 'update the contact', { forUpdate: true });
    const desired: Contact = { ...before, ...Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, v ?? undefined])) };
    const at = actionTime();
    const diff = diffFields(contactView(before), contactView(desired));
    if (!diff.updatedFields.length) return { before, after: before, at, ...diff };
    if (diff.changes.email && desired.email) await this.contacts.assertEmailFree(desired.email, before.id);
    await saveEmailSafely(desired.email, () =>
      this.uow
        .db('crm_contacts')
        .where({ contact_id: before.id, tenant })
        .update({
          full_name: desired.fullName,
          email: desired.email ?? null,
          email_key: desired.email ? emailKey(desired.email) : null,
          phone_number: desired.phoneNumber ?? null,
          job_title: desired.jobTitle ?? null,
          updated_at: at,
        }),
    );
    return { before, after: await this.contacts.get(before.id), at, ...diff };
  }

  /**
   * Moves the contact to another client; used by client merges (ClientMergeService), which lock
   * and check both clients first. A moved primary contact stops being primary (the target keeps
   * its own). Emits CONTACT_UPDATED with changes.clientId; archived contacts move too.
   */
  @EmitsEvent('CONTACT_UPDATED', contactUpdated)
  async moveToClient(contactId: string, clientId: string): Promise<ContactChange> {
    const tenant = currentTenant('ContactLifecycleService.moveToClient');
    requireStaff('ContactLifecycleService.moveToClient');
    const before = await this.contacts.get(contactId, { forUpdate: true });
    const target = await this.clients.getActive(clientId, 'move a contact to the client');
    const at = actionTime();
    const diff = diffFields(contactView(before), contactView({ ...before, clientId: target.id }));
    if (!diff.updatedFields.length) return { before, after: before, at, ...diff };
    await this.uow.db('crm_contacts').where({ tenant, contact_id: before.id }).update({ client_id: target.id, is_primary: false, updated_at: at });
    return { before, after: await this.contacts.get(before.id), at, ...diff };
  }

  /**
   * Makes the contact its client's primary (main, billing) contact; the previous primary stops
   * being one and is named in CONTACT_PRIMARY_SET. Exactly one primary per client also under
   * concurrent calls: the client row is locked for the change, and a unique key backs it. The
   * primary contact again emits nothing.
   */
  @EmitsEvent('CONTACT_PRIMARY_SET', contactPrimarySet)
  async setPrimary(contactId: string): Promise<PrimaryChange> {
    const tenant = currentTenant('ContactLifecycleService.setPrimary');
    requireStaff('ContactLifecycleService.setPrimary');
    const found = await this.contacts.getActive(contactId, 'make the contact primary');
    // Lock the client first: every primary change of one client queues behind this lock.
    await this.clients.getActive(found.clientId, 'set the primary contact of the client', { forUpdate: true });
    const contact = await this.contacts.getActive(found.id, 'make the contact primary');
    const at = actionTime();
    const previous = await this.uow.db('crm_contacts').where({ tenant, client_id: contact.clientId, is_primary: true }).first('contact_id');
    if (previous?.contact_id === contact.id) return { contact, previousPrimaryContactId: contact.id, changed: false, at };
    if (previous) await this.uow.db('crm_contacts').where({ tenant, contact_id: previous.contact_id }).update({ is_primary: false, updated_at: at });
    await this.uow.db('crm_contacts').where({ tenant, contact_id: contact.id }).update({ is_primary: true, updated_at: at });
    return { contact: await this.contacts.get(contact.id), previousPrimaryContactId: previous?.contact_id, changed: true, at };
  }

  /**
   * Archives the contact: it keeps its history, is no longer found by email, and stops being the
   * primary contact if it was one (no CONTACT_PRIMARY_SET: the client then has no primary until
   * one is set). Emits CONTACT_ARCHIVED; archiving it again is refused (ContactArchivedError).
   */
  @EmitsEvent('CONTACT_ARCHIVED', contactArchived)
  async archive(contactId: string, options: { reason?: string } = {}): Promise<Contact> {
    const tenant = currentTenant('ContactLifecycleService.archive');
    const userId = requireStaff('ContactLifecycleService.archive');
    const reason = optionalText((f, r) => new ContactInputError(f, r), 'reason', options.reason, 2000) ?? null;
    const contact = await this.contacts.getActive(contactId, 'archive the contact', { forUpdate: true });
    const at = actionTime();
    await this.uow
      .db('crm_contacts')
      .where({ tenant, contact_id: contact.id })
      .whereNull('archived_at')
      .update({ archived_at: at, archived_by_user_id: userId, archive_reason: reason, is_primary: false, updated_at: at });
    return this.contacts.get(contact.id);
  }
}
