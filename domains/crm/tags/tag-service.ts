import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, insertIfAbsent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { TicketService } from '../../tickets';
import { ClientRepository } from '../clients/client-repository';
import { ContactRepository } from '../contacts/contact-repository';
import { oneOf, requiredUuid } from '../shared/input-checks';
import { TagChange, TaggableType, TAGGABLE_TYPES, TagTarget } from './tag';
import { TagInputError } from './tag-errors';
import { TagDefinitionService } from './tag-definition-service';
import { tagApplied, tagRemoved } from './tag-mappers';

const fail = (field: string, reason: string) => new TagInputError(field, reason);

/**
 * Putting tags on clients, contacts and tickets and taking them off. Clients and contacts keep
 * their tags in the CRM (a primary key per tag and record: concurrent applies emit once); a
 * ticket's tag set belongs to the tickets module and is changed through TicketService.changeTags,
 * which emits TICKET_TAGS_CHANGED beside this service's TAG_APPLIED / TAG_REMOVED. Staff only.
 */
@injectable()
export class TagService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly definitions: TagDefinitionService,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
    private readonly tickets: TicketService,
  ) {}

  /**
   * Applies the tag to a live client or contact, or to a ticket that was not merged away. Emits
   * TAG_APPLIED; a record that has the tag already emits nothing. TagInputError naming entityType /
   * entityId; TagNotFoundError; the records' not-found and archived errors.
   */
  @EmitsEvent('TAG_APPLIED', tagApplied)
  async apply(tagId: string, target: TagTarget): Promise<TagChange> {
    const tenant = currentTenant('TagService.apply');
    const userId = requireStaff('TagService.apply');
    const { entityType, entityId } = checkTarget(target);
    const tag = await this.definitions.get(tagId);
    const at = actionTime();
    let changed: boolean;
    if (entityType === 'ticket') {
      changed = 'tagIds' in (await this.tickets.changeTags(entityId, { add: [tag.id] })).changes;
    } else {
      await this.requireLive(entityType, entityId, 'tag');
      changed = await insertIfAbsent(
        this.uow.db,
        'crm_entity_tags',
        { tenant, tag_id: tag.id, entity_type: entityType, entity_id: entityId, applied_by_user_id: userId, applied_at: at },
        ['tenant', 'entity_type', 'entity_id', 'tag_id'],
      );
    }
    return { tagId: tag.id, entityType, entityId, changed, at };
  }

  /** Takes the tag off the record. Emits TAG_REMOVED; a record without the tag emits nothing. Same refusals as apply. */
  @EmitsEvent('TAG_REMOVED', tagRemoved)
  async remove(tagId: string, target: TagTarget): Promise<TagChange> {
    const tenant = currentTenant('TagService.remove');
    requireStaff('TagService.remove');
    const { entityType, entityId } = checkTarget(target);
    const tag = await this.definitions.get(tagId);
    const at = actionTime();
    let changed: boolean;
    if (entityType === 'ticket') {
      changed = 'tagIds' in (await this.tickets.changeTags(entityId, { remove: [tag.id] })).changes;
    } else {
      await this.requireLive(entityType, entityId, 'untag');
      const deleted = await this.uow.db('crm_entity_tags').where({ tenant, tag_id: tag.id, entity_type: entityType, entity_id: entityId }).delete();
      changed = deleted > 0;
    }
    return { tagId: tag.id, entityType, entityId, changed, at };
  }

  /** Tag ids on a client, contact or ticket, sorted. */
  async tagIdsOf(target: TagTarget): Promise<string[]> {
    const { entityType, entityId } = checkTarget(target);
    if (entityType === 'ticket') return (await this.tickets.get(entityId)).tagIds;
    const ids: string[] = await this.uow
      .db('crm_entity_tags')
      .where({ tenant: currentTenant('TagService.tagIdsOf'), entity_type: entityType, entity_id: entityId })
      .pluck('tag_id');
    return ids.sort();
  }

  private async requireLive(entityType: Exclude<TaggableType, 'ticket'>, id: string, verb: string): Promise<void> {
    if (entityType === 'client') await this.clients.getActive(id, `${verb} the client`, { field: 'entityId', forShare: true });
    else await this.contacts.getActive(id, `${verb} the contact`, { forShare: true });
  }
}

function checkTarget(target: TagTarget): TagTarget {
  return {
    entityType: oneOf(fail, 'entityType', target?.entityType, TAGGABLE_TYPES),
    entityId: requiredUuid(fail, 'entityId', target.entityId),
  };
}
