import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, insertIfAbsent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { DocumentInputError } from '../documents/document-errors';
import { DocumentRepository } from '../documents/document-repository';
import { AssociationChange, DocumentTarget, ENTITY_TYPES } from './association';
import { DocumentTargetInputError } from './association-errors';
import { documentAssociated, documentDetached } from './association-mappers';
import { AssociationTargets } from './association-targets';

/**
 * Links between documents and records (staff). The document row is locked for the change, so a
 * link cannot be added to a document being deleted; the link's primary key makes linking twice,
 * even at once, a single link and a single event.
 */
@injectable()
export class AssociationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: DocumentRepository,
    private readonly targets: AssociationTargets,
  ) {}

  /** Links the document to the record (DOCUMENT_ASSOCIATED); already linked: no change, no event. */
  @EmitsEvent('DOCUMENT_ASSOCIATED', documentAssociated)
  async associate(documentId: string, target: DocumentTarget): Promise<AssociationChange> {
    const byUserId = requireStaff('AssociationService.associate');
    const checked = checkTarget(target);
    const document = await this.documents.get(documentId, { lock: true });
    await this.targets.require(checked.entityType, checked.entityId);
    const at = actionTime();
    const changed = await insertIfAbsent(
      this.uow.db,
      'document_associations',
      { tenant: document.tenantId, document_id: document.id, entity_type: checked.entityType, entity_id: checked.entityId, associated_by_user_id: byUserId, associated_at: at },
      ['tenant', 'document_id', 'entity_type', 'entity_id'],
    );
    return { document, target: checked, changed, byUserId, at };
  }

  /** Removes the link (DOCUMENT_DETACHED); not linked: no change, no event. */
  @EmitsEvent('DOCUMENT_DETACHED', documentDetached)
  async detach(documentId: string, target: DocumentTarget, options: { reason?: string } = {}): Promise<AssociationChange> {
    const byUserId = requireStaff('AssociationService.detach');
    const checked = checkTarget(target);
    const reason = options.reason?.trim() || undefined;
    if (reason && reason.length > 500) throw new DocumentInputError('reason', 'must be at most 500 characters');
    const document = await this.documents.get(documentId, { lock: true });
    const removed = await this.uow
      .db('document_associations')
      .where({ tenant: document.tenantId, document_id: document.id, entity_type: checked.entityType, entity_id: checked.entityId })
      .delete();
    return { document, target: checked, changed: removed > 0, byUserId, at: actionTime(), reason };
  }

  /** The records the document is linked to, in the order they were linked. */
  async targetsOf(documentId: string): Promise<DocumentTarget[]> {
    const document = await this.documents.get(documentId);
    const rows = await this.uow.db('document_associations').where({ tenant: document.tenantId, document_id: document.id }).orderBy('associated_at').orderBy('entity_type');
    return rows.map((r: any) => ({ entityType: r.entity_type, entityId: r.entity_id }));
  }
}

function checkTarget(target: DocumentTarget): DocumentTarget {
  if (!ENTITY_TYPES.includes(target?.entityType)) throw new DocumentTargetInputError('entityType', `must be one of ${ENTITY_TYPES.join(', ')}`);
  if (typeof target.entityId !== 'string' || !isUUID(target.entityId, 'all')) throw new DocumentTargetInputError('entityId', 'must be a UUID');
  return { entityType: target.entityType, entityId: target.entityId.toLowerCase() };
}
