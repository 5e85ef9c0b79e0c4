import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { TicketService } from '../../tickets';
import { ClientRepository } from '../clients/client-repository';
import { Contact, ContactPatch } from '../contacts/contact';
import { ContactArchivedError, ContactInputError, ContactStateError } from '../contacts/contact-errors';
import { ContactLifecycleService } from '../contacts/contact-lifecycle-service';
import { ContactRepository } from '../contacts/contact-repository';
import { requiredUuid } from '../shared/input-checks';
import { TagService } from '../tags/tag-service';
import { ContactMergeResult, MERGE_STRATEGY } from './merge';
import { contactMerged, mergedContactArchived } from './merge-mappers';

const fail = (field: string, reason: string) => new ContactInputError(field, reason);

/** Combining a duplicate contact into another contact of the same client. Staff only. */
@injectable()
export class ContactMergeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
    private readonly contactLifecycle: ContactLifecycleService,
    private readonly tags: TagService,
    private readonly tickets: TicketService,
  ) {}

  /**
   * Merges `sourceContactId` into `targetContactId` in one transaction: moves the source's notes,
   * interactions, tags and open tickets (TicketService, contactId) to the target, makes the target
   * primary if the source was, archives the source, then fills the target's empty email, phone
   * and job title from it. Emits CONTACT_MERGED and CONTACT_ARCHIVED (for a live source); moved
   * records emit their own events. Refused with nothing written: into itself, across clients or
   * from a source merged before (ContactStateError), into an archived contact (ContactArchivedError),
   * for a contact of an archived client (ClientArchivedError).
   */
  @EmitsEvent('CONTACT_MERGED', contactMerged)
  @EmitsEvent('CONTACT_ARCHIVED', mergedContactArchived)
  async merge(sourceContactId: string, targetContactId: string): Promise<ContactMergeResult> {
    const tenant = currentTenant('ContactMergeService.merge');
    const userId = requireStaff('ContactMergeService.merge');
    const sourceId = requiredUuid(fail, 'sourceContactId', sourceContactId);
    const targetId = requiredUuid(fail, 'targetContactId', targetContactId);
    if (sourceId === targetId) throw new ContactStateError(`Contact ${sourceId} cannot be merged into itself`, 'CONTACT_MERGE_INVALID');
    const probe = await this.contacts.get(targetId);
    // The client lock serialises this merge with primary changes and other merges of the client.
    await this.clients.getActive(probe.clientId, 'merge contacts of the client', { forUpdate: true });
    const source = await this.contacts.get(sourceId, { forUpdate: true });
    const target = await this.contacts.get(targetId, { forUpdate: true });
    if (target.archivedAt) throw new ContactArchivedError(target.id, 'merge into the contact');
    if (source.clientId !== target.clientId) {
      throw new ContactStateError(`Contacts ${source.id} and ${target.id} belong to different clients: merge the clients, or contacts of one client`, 'CONTACT_MERGE_INVALID');
    }
    if (source.mergedIntoContactId) throw new ContactStateError(`Contact ${source.id} was merged into ${source.mergedIntoContactId} already`, 'CONTACT_MERGE_INVALID');
    const at = actionTime();
    const db = this.uow.db;

    const movedTicketIds: string[] = [];
    for (const ticket of await this.tickets.openTickets({ contactId: source.id })) {
      await this.tickets.update(ticket.id, { contactId: target.id }, { reason: `Contact ${source.fullName} merged into ${target.fullName}` });
      movedTicketIds.push(ticket.id);
    }
    const movedTagIds: string[] = [];
    if (!source.archivedAt) {
      for (const tagId of await this.tags.tagIdsOf({ entityType: 'contact', entityId: source.id })) {
        await this.tags.apply(tagId, { entityType: 'contact', entityId: target.id });
        await this.tags.remove(tagId, { entityType: 'contact', entityId: source.id });
        movedTagIds.push(tagId);
      }
    }
    const notes = db('crm_notes').where({ tenant, entity_type: 'contact', entity_id: source.id });
    const movedNoteIds: string[] = await notes.clone().pluck('note_id');
    await notes.clone().update({ entity_id: target.id });
    const interactions = db('crm_interactions').where({ tenant, contact_id: source.id });
    const movedInteractionIds: string[] = await interactions.clone().pluck('interaction_id');
    await interactions.clone().update({ contact_id: target.id });

    if (source.isPrimary) await this.contactLifecycle.setPrimary(target.id);
    await db('crm_contacts')
      .where({ tenant, contact_id: source.id })
      .update({
        merged_into_contact_id: target.id,
        is_primary: false,
        updated_at: at,
        ...(source.archivedAt ? {} : { archived_at: at, archived_by_user_id: userId, archive_reason: `Merged into ${target.id}` }),
      });
    await this.fillEmpty(source, target);
    return {
      source: await this.contacts.get(source.id),
      target: await this.contacts.get(target.id),
      at,
      strategy: MERGE_STRATEGY,
      archivedSource: !source.archivedAt,
      movedNoteIds,
      movedInteractionIds,
      movedTagIds,
      movedTicketIds,
    };
  }

  /** The target's empty details from the source, after the source is archived (its email is free then). */
  private async fillEmpty(source: Contact, target: Contact): Promise<void> {
    const patch: ContactPatch = {};
    for (const key of ['email', 'phoneNumber', 'jobTitle'] as const) if (!target[key] && source[key]) patch[key] = source[key];
    if (Object.keys(patch).length) await this.contactLifecycle.update(target.id, patch);
  }
}
