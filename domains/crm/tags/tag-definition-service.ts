import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, forUpdate, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { TicketSetupService } from '../../tickets';
import { looksLikeId, requiredText } from '../shared/input-checks';
import { isUniqueViolation } from '../shared/unique-violation';
import { TagDefinition, TagRename } from './tag';
import { TagInputError, TagNameTakenError, TagNotFoundError } from './tag-errors';
import { tagDefinitionCreated, tagDefinitionUpdated } from './tag-mappers';

const fail = (field: string, reason: string) => new TagInputError(field, reason);
/** The tickets module's tag names hold 64 characters. */
const NAME_MAX = 64;
const nameKey = (name: string) => name.toLowerCase();

/**
 * The tenant's tag definitions: names unique per tenant, case-insensitively (a unique key on the
 * lower-cased name decides between concurrent creates). Each definition is registered with the
 * tickets module under the same id, so tickets can carry it. Staff only.
 */
@injectable()
export class TagDefinitionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ticketSetup: TicketSetupService,
  ) {}

  /** Defines a tag. Emits TAG_DEFINITION_CREATED. TagInputError (name blank or over 64 characters), TagNameTakenError. */
  @EmitsEvent('TAG_DEFINITION_CREATED', tagDefinitionCreated)
  async createDefinition(input: { name: string }): Promise<TagDefinition> {
    const tenant = currentTenant('TagDefinitionService.createDefinition');
    const userId = requireStaff('TagDefinitionService.createDefinition');
    const name = requiredText(fail, 'name', input?.name, NAME_MAX);
    await this.assertNameFree(name);
    const id = uuidv4();
    const now = actionTime();
    await refuseTakenName(name, async () => {
      await this.uow.db('crm_tags').insert({ tag_id: id, tenant, name, name_key: nameKey(name), created_by_user_id: userId, created_at: now, updated_at: now });
      await this.ticketSetup.createTag({ id, name });
    });
    return this.get(id);
  }

  /** Renames a tag (a change of case counts). Emits TAG_DEFINITION_UPDATED; the same name emits nothing. */
  @EmitsEvent('TAG_DEFINITION_UPDATED', tagDefinitionUpdated)
  async rename(tagId: string, newName: string): Promise<TagRename> {
    const tenant = currentTenant('TagDefinitionService.rename');
    requireStaff('TagDefinitionService.rename');
    const name = requiredText(fail, 'name', newName, NAME_MAX);
    const tag = await this.get(tagId, { forUpdate: true });
    const at = actionTime();
    if (tag.name === name) return { tag, previousName: tag.name, changed: false, at };
    await this.assertNameFree(name, tag.id);
    await refuseTakenName(name, async () => {
      await this.uow.db('crm_tags').where({ tenant, tag_id: tag.id }).update({ name, name_key: nameKey(name), updated_at: at });
      await this.ticketSetup.renameTag(tag.id, name);
    });
    return { tag: await this.get(tag.id), previousName: tag.name, changed: true, at };
  }

  /** The tag; TagNotFoundError for an unknown id or another tenant's. */
  async get(tagId: string, { forUpdate: lock = false } = {}): Promise<TagDefinition> {
    if (!looksLikeId(tagId)) throw new TagNotFoundError(String(tagId));
    const db = this.uow.db;
    const row = await db('crm_tags')
      .where({ tenant: currentTenant('TagDefinitionService.get'), tag_id: tagId.toLowerCase() })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new TagNotFoundError(tagId);
    return toTag(row);
  }

  /** The tag named `name` (any case), if any. */
  async findByName(name: string): Promise<TagDefinition | undefined> {
    const row = await this.uow.db('crm_tags').where({ tenant: currentTenant('TagDefinitionService.findByName'), name_key: nameKey(String(name).trim()) }).first();
    return row ? toTag(row) : undefined;
  }

  /** Every tag of the tenant, by name. */
  async list(): Promise<TagDefinition[]> {
    return (await this.uow.db('crm_tags').where({ tenant: currentTenant('TagDefinitionService.list') }).orderBy('name_key')).map(toTag);
  }

  private async assertNameFree(name: string, exceptTagId?: string): Promise<void> {
    const holder = await this.findByName(name);
    if (holder && holder.id !== exceptTagId) throw new TagNameTakenError(name, holder.id);
  }
}

/** A unique-key violation (a concurrent create, or a ticket-only tag of that exact name) becomes TagNameTakenError. */
async function refuseTakenName(name: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new TagNameTakenError(name);
    throw err;
  }
}

function toTag(row: Record<string, any>): TagDefinition {
  return {
    id: row.tag_id,
    tenantId: row.tenant,
    name: row.name,
    createdByUserId: row.created_by_user_id,
    createdAt: readDate(row.created_at)!,
    updatedAt: readDate(row.updated_at)!,
  };
}
