import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { checkAssignee, optionalText } from '../appointments/appointment-input';
import { Assignee } from '../appointments/appointment';
import { CalendarGuard } from '../calendar/calendar-guard';
import { resolveWindow } from '../time/time-window';
import { CreateBlockInput, DeletedBlock, ScheduleBlock } from './schedule-block';
import { ScheduleBlockNotFoundError } from './schedule-block-errors';
import { blockCreated, blockDeleted } from './schedule-block-mappers';

const toBlock = (r: any): ScheduleBlock => ({
  id: r.schedule_block_id,
  tenantId: r.tenant,
  owner: { id: r.owner_id, type: r.owner_type },
  startAt: readDate(r.start_at)!,
  endAt: readDate(r.end_at)!,
  timezone: r.timezone,
  reason: r.reason ?? undefined,
  createdByUserId: r.created_by_user_id,
  createdAt: readDate(r.created_at)!,
});

/** Time reserved on a user or team calendar (time off, training, internal work). */
@injectable()
export class ScheduleBlockService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: CalendarGuard,
  ) {}

  /**
   * Reserves the window on the owner's calendar. Refused if the owner has scheduled appointments
   * then (a team: those booked against it), unless `force`; other blocks may overlap.
   */
  @EmitsEvent('SCHEDULE_BLOCK_CREATED', blockCreated)
  async create(input: CreateBlockInput): Promise<ScheduleBlock> {
    const tenant = currentTenant('ScheduleBlockService.create');
    const actorUserId = requireStaff('ScheduleBlockService.create');
    const owner = checkAssignee('owner', input?.owner);
    const reason = optionalText('reason', input.reason, 1000);
    const window = resolveWindow(input);
    await this.calendars.claim(window, { appointmentsOf: [owner], blocksOf: [], force: input.force });
    const at = actionTime();
    const id = uuidv4();
    await this.uow.db('schedule_blocks').insert({
      schedule_block_id: id,
      tenant,
      owner_type: owner.type,
      owner_id: owner.id,
      start_at: window.startAt,
      end_at: window.endAt,
      timezone: window.timezone,
      reason: reason ?? null,
      created_by_user_id: actorUserId,
      created_at: at,
    });
    return this.get(id);
  }

  /** Removes a block; its time is free again. A block deleted already is not found. */
  @EmitsEvent('SCHEDULE_BLOCK_DELETED', blockDeleted)
  async delete(scheduleBlockId: string, options: { reason?: string } = {}): Promise<DeletedBlock> {
    const tenant = currentTenant('ScheduleBlockService.delete');
    const actorUserId = requireStaff('ScheduleBlockService.delete');
    const reason = optionalText('reason', options?.reason, 1000);
    const block = await this.get(scheduleBlockId);
    // Conditional on the row still being there: of two concurrent deletes, one emits.
    const deleted = await this.uow.db('schedule_blocks').where({ schedule_block_id: scheduleBlockId, tenant }).delete();
    if (!deleted) throw new ScheduleBlockNotFoundError(scheduleBlockId);
    return { block, deletedAt: actionTime(), actorUserId, reason };
  }

  async get(scheduleBlockId: string): Promise<ScheduleBlock> {
    const tenant = currentTenant('ScheduleBlockService.get');
    const row = await this.uow.db('schedule_blocks').where({ schedule_block_id: scheduleBlockId, tenant }).first();
    if (!row) throw new ScheduleBlockNotFoundError(scheduleBlockId);
    return toBlock(row);
  }

  /** The owner's blocks overlapping [from, to), earliest first. */
  async ofOwner(owner: Assignee, from: Date, to: Date): Promise<ScheduleBlock[]> {
    const tenant = currentTenant('ScheduleBlockService.ofOwner');
    const rows = await this.uow
      .db('schedule_blocks')
      .where({ tenant, owner_type: owner.type, owner_id: owner.id })
      .where('start_at', '<', to)
      .where('end_at', '>', from)
      .orderBy(['start_at', 'schedule_block_id']);
    return rows.map(toBlock);
  }
}
