import { UnitOfWork, currentTenant } from '../../../lib/kit';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { TicketInputError, TicketReferenceError } from '../errors';
import { Board, Priority, SlaPolicy, Tag, TicketStatus } from './reference-data';
import { TicketRepository } from '../ticket-repository';

/** The help-desk configuration an MSP sets up once per tenant. Configuration emits no events. */
@injectable()
export class TicketSetupService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tickets: TicketRepository,
  ) {}

  async createStatus(input: { name: string; isClosed?: boolean; isDefault?: boolean; order?: number }): Promise<TicketStatus> {
    const status = { id: uuidv4(), name: input.name, isClosed: input.isClosed ?? false, isDefault: input.isDefault ?? false, order: input.order ?? 0 };
    // One default per kind (open / closed): a new default replaces the old one.
    if (status.isDefault) await this.scoped('ticket_statuses').where({ is_closed: status.isClosed }).update({ is_default: false });
    await this.insert('ticket_statuses', { status_id: status.id, name: status.name, is_closed: status.isClosed, is_default: status.isDefault, order_number: status.order });
    return status;
  }

  async createPriority(input: { name: string; order?: number }): Promise<Priority> {
    const priority = { id: uuidv4(), name: input.name, order: input.order ?? 0 };
    await this.insert('priorities', { priority_id: priority.id, name: priority.name, order_number: priority.order });
    return priority;
  }

  /** A board (service queue); tier 1 is the front-line service desk. */
  async createBoard(input: { name: string; tier?: number }): Promise<Board> {
    const board = { id: uuidv4(), name: input.name, tier: input.tier ?? 1 };
    await this.insert('boards', { board_id: board.id, name: board.name, tier: board.tier });
    return board;
  }

  /**
   * A tag tickets can carry. `id`: a caller that keeps its own tag definitions (CRM's tag
   * definitions, which tag clients and contacts too) registers them here under the same id.
   */
  async createTag(input: { name: string; id?: string }): Promise<Tag> {
    const tag = { id: input.id?.toLowerCase() ?? uuidv4(), name: input.name };
    await this.insert('tags', { tag_id: tag.id, name: tag.name });
    return tag;
  }

  /** Renames a tag (CRM renames its tag definitions here too); TicketReferenceError for an unknown tag. */
  async renameTag(tagId: string, name: string): Promise<Tag> {
    const updated = await this.scoped('tags').where({ tag_id: tagId }).update({ name });
    if (!updated) throw new TicketReferenceError('tag', tagId);
    return { id: tagId, name };
  }

  /** Response and resolution targets, in minutes from ticket creation, for tickets of one priority. */
  async createSlaPolicy(input: Omit<SlaPolicy, 'id'>): Promise<SlaPolicy> {
    await this.tickets.priority(input.priorityId);
    for (const key of ['responseMinutes', 'resolutionMinutes'] as const) {
      if (!Number.isInteger(input[key]) || input[key] <= 0) throw new TicketInputError(key, 'must be whole minutes > 0', 'SLA_POLICY_INVALID');
    }
    const policy = { id: uuidv4(), ...input };
    await this.insert('sla_policies', {
      sla_policy_id: policy.id,
      name: policy.name,
      priority_id: policy.priorityId,
      response_minutes: policy.responseMinutes,
      resolution_minutes: policy.resolutionMinutes,
    });
    return policy;
  }

  private insert(table: string, row: Record<string, unknown>) {
    return this.uow.db(table).insert({ ...row, tenant: currentTenant(`TicketSetupService(${table})`) });
  }

  private scoped(table: string) {
    return this.uow.db(table).where({ tenant: currentTenant(`TicketSetupService(${table})`) });
  }
}
