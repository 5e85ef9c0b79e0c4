import { iso, when } from '../../../lib/kit';
import { AssociationChange } from './association';

/** Link changes → payloads of DOCUMENT_ASSOCIATED and DOCUMENT_DETACHED (none when nothing changed). */

export const documentAssociated = when(
  (c: AssociationChange) => c.changed,
  (c) => ({ documentId: c.document.id, entityType: c.target.entityType, entityId: c.target.entityId, associatedByUserId: c.byUserId, associatedAt: iso(c.at) }),
);

export const documentDetached = when(
  (c: AssociationChange) => c.changed,
  (c) => ({ documentId: c.document.id, entityType: c.target.entityType, entityId: c.target.entityId, detachedByUserId: c.byUserId, detachedAt: iso(c.at), reason: c.reason }),
);
