import { Document } from '../documents/document';

/** Records a document can be linked to, each owned by its module (tickets, crm, projects, assets). */
export const ENTITY_TYPES = ['ticket', 'client', 'contact', 'project', 'asset'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface DocumentTarget {
  entityType: EntityType;
  entityId: string;
}

/** What associate() or detach() did; `changed` false: the link already existed (or was already gone), no event. */
export interface AssociationChange {
  document: Document;
  target: DocumentTarget;
  changed: boolean;
  byUserId: string;
  at: Date;
  reason?: string;
}
