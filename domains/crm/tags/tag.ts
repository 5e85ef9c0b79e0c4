/** Tag definitions and where they are applied, as the CRM services return them. */

/** Records a tag can be applied to. Tickets keep their tag set in the tickets module (see TagService). */
export const TAGGABLE_TYPES = ['client', 'contact', 'ticket'] as const;
export type TaggableType = (typeof TAGGABLE_TYPES)[number];

export interface TagDefinition {
  id: string;
  tenantId: string;
  /** Unique per tenant, compared case-insensitively. */
  name: string;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TagTarget {
  entityType: TaggableType;
  entityId: string;
}

/** What a rename did: `changed` false when the name was the same (no event). */
export interface TagRename {
  tag: TagDefinition;
  previousName: string;
  changed: boolean;
  at: Date;
}

/** What apply / remove did: `changed` false when the tag already was (or was not) on the record (no event). */
export interface TagChange extends TagTarget {
  tagId: string;
  changed: boolean;
  at: Date;
}
