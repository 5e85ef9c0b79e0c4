import { EmissionContextView, iso, when } from '../../../lib/kit';
import { TagChange, TagDefinition, TagRename } from './tag';

export const tagDefinitionCreated = (t: TagDefinition) => ({
  tagId: t.id,
  tagName: t.name,
  createdByUserId: t.createdByUserId,
  createdAt: iso(t.createdAt),
});

export const tagDefinitionUpdated = when(
  (r: TagRename) => r.changed,
  (r: TagRename, ctx: EmissionContextView) => ({
    tagId: r.tag.id,
    previousName: r.previousName,
    newName: r.tag.name,
    updatedByUserId: ctx.actorUserId!,
    updatedAt: iso(r.at),
  }),
);

const target = (c: TagChange) => ({ tagId: c.tagId, entityType: c.entityType, entityId: c.entityId });

export const tagApplied = when(
  (c: TagChange) => c.changed,
  (c: TagChange, ctx: EmissionContextView) => ({ ...target(c), appliedByUserId: ctx.actorUserId!, appliedAt: iso(c.at) }),
);

export const tagRemoved = when(
  (c: TagChange) => c.changed,
  (c: TagChange, ctx: EmissionContextView) => ({ ...target(c), removedByUserId: ctx.actorUserId!, removedAt: iso(c.at) }),
);
