import { iso } from '../../../lib/kit';
import { DeletedBlock, ScheduleBlock } from './schedule-block';

export const blockCreated = (b: ScheduleBlock) => ({
  scheduleBlockId: b.id,
  ownerId: b.owner.id,
  ownerType: b.owner.type,
  startAt: iso(b.startAt),
  endAt: iso(b.endAt),
  timezone: b.timezone,
  actorUserId: b.createdByUserId,
  createdAt: iso(b.createdAt),
  reason: b.reason,
});

export const blockDeleted = (d: DeletedBlock) => ({ scheduleBlockId: d.block.id, actorUserId: d.actorUserId, deletedAt: iso(d.deletedAt), reason: d.reason });
