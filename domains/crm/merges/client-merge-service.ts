import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { TicketService } from '../../tickets';
import { Client, ClientPatch } from '../clients/client';
import { ClientArchivedError, ClientInputError, ClientStateError } from '../clients/client-errors';
import { ClientLifecycleService } from '../clients/client-lifecycle-service';
import { ClientRepository } from '../clients/client-repository';
import { ContactLifecycleService } from '../contacts/contact-lifecycle-service';
import { ContactRepository } from '../contacts/contact-repository';
import { requiredUuid } from '../shared/input-checks';
import { TagService } from '../tags/tag-service';
import { ClientMergeResult, MERGE_STRATEGY } from './merge';
import { clientMerged, mergedClientArchived } from './merge-mappers';

const fail = (field: string, reason: string) => new ClientInputError(field, reason);

/** Combining a duplicate client into another. Staff only. */
@injectable()
export class ClientMergeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly clientLifecycle: ClientLifecycleService,
    private readonly contacts: ContactRepository,
    private readonly contactLifecycle: ContactLifecycleService,
    private readonly tags: TagService,
    private readonly tickets: TicketService,
  ) {}

  /**
   * Merges `sourceClientId` into `targetClientId` in one transaction (all of it or none of it):
   * moves the source's contacts, notes, interactions and tags, moves its open tickets through
   * TicketService (closed ones stay), fills the target's empty details and owner from the source,
   * archives the source and points it at the target. A source archived before the merge keeps its
   * tags (an archived record takes no tag changes); everything else moves. Emits CLIENT_MERGED and CLIENT_ARCHIVED (for
   * a source that was live); the moved records emit their own events (see CLIENT_MERGED).
   * Refused with nothing written: merging a client into itself or a source merged before
   * (ClientStateError), into an archived client (ClientArchivedError, field targetClientId),
   * unknown ids (ClientNotFoundError). Both client rows are locked, in id order, for the merge.
   */
  @EmitsEvent('CLIENT_MERGED', clientMerged)
  @EmitsEvent('CLIENT_ARCHIVED', mergedClientArchived)
  async merge(sourceClientId: string, targetClientId: string): Promise<ClientMergeResult> {
    const tenant = currentTenant('ClientMergeService.merge');
    const userId = requireStaff('ClientMergeService.merge');
    const sourceId = requiredUuid(fail, 'sourceClientId', sourceClientId);
    const targetId = requiredUuid(fail, 'targetClientId', targetClientId);
    if (sourceId === targetId) throw new ClientStateError(`Client ${sourceId} cannot be merged into itself`, 'CLIENT_MERGE_INVALID');
    const { source, target } = await this.lockBoth(sourceId, targetId);
    if (target.archivedAt) throw new ClientArchivedError(target.id, 'merge into the client', 'targetClientId');
    if (source.mergedIntoClientId) throw new ClientStateError(`Client ${source.id} was merged into ${source.mergedIntoClientId} already`, 'CLIENT_MERGE_INVALID');
    const at = actionTime();
    const db = this.uow.db;

    const movedTicketIds: string[] = [];
    for (const ticket of await this.tickets.openTickets({ clientId: source.id })) {
      await this.tickets.update(ticket.id, { clientId: target.id }, { reason: `Client ${source.name} merged into ${target.name}` });
      movedTicketIds.push(ticket.id);
    }
    const movedContactIds: string[] = [];
    for (const contact of await this.contacts.ofClient(source.id)) {
      await this.contactLifecycle.moveToClient(contact.id, target.id);
      movedContactIds.push(contact.id);
    }
    const movedTagIds: string[] = [];
    if (!source.archivedAt) {
      for (const tagId of await this.tags.tagIdsOf({ entityType: 'client', entityId: source.id })) {
        await this.tags.apply(tagId, { entityType: 'client', entityId: target.id });
        await this.tags.remove(tagId, { entityType: 'client', entityId: source.id });
        movedTagIds.push(tagId);
      }
    }
    const notes = db('crm_notes').where({ tenant, entity_type: 'client', entity_id: source.id });
    const movedNoteIds: string[] = await notes.clone().pluck('note_id');
    await notes.clone().update({ entity_id: target.id });
    const interactions = db('crm_interactions').where({ tenant, client_id: source.id });
    const movedInteractionIds: string[] = await interactions.clone().pluck('interaction_id');
    await interactions.clone().update({ client_id: target.id });

    await this.fillEmpty(source, target);
    await db('crm_clients')
      .where({ tenant, client_id: source.id })
      .update({
        merged_into_client_id: target.id,
        updated_at: at,
        ...(source.archivedAt ? {} : { archived_at: at, archived_by_user_id: userId, archive_reason: `Merged into ${target.id}` }),
      });
    return {
      source: await this.clients.get(source.id),
      target: await this.clients.get(target.id),
      at,
      strategy: MERGE_STRATEGY,
      archivedSource: !source.archivedAt,
      movedContactIds,
      movedNoteIds,
      movedInteractionIds,
      movedTagIds,
      movedTicketIds,
    };
  }

  /** Locks both rows in id order (two merges of the same pair in opposite directions cannot deadlock). */
  private async lockBoth(sourceId: string, targetId: string): Promise<{ source: Client; target: Client }> {
    const locked = new Map<string, Client>();
    for (const id of [sourceId, targetId].sort()) locked.set(id, await this.clients.get(id, { forUpdate: true }));
    return { source: locked.get(sourceId)!, target: locked.get(targetId)! };
  }

  /** The target's empty details and owner, taken from the source (CLIENT_UPDATED / CLIENT_OWNER_ASSIGNED). */
  private async fillEmpty(source: Client, target: Client): Promise<void> {
    const patch: ClientPatch = {};
    for (const key of ['website', 'phoneNumber', 'industry'] as const) if (!target[key] && source[key]) patch[key] = source[key];
    if (Object.keys(patch).length) await this.clientLifecycle.update(target.id, patch);
    if (!target.ownerUserId && source.ownerUserId) await this.clientLifecycle.assignOwner(target.id, source.ownerUserId);
  }
}
