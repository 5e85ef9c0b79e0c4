import { iso } from '../../../lib/kit';
import { GeneratedDocument } from './generation';

/** A generated document → the DOCUMENT_GENERATED payload. */
export const documentGenerated = (g: GeneratedDocument) => ({
  documentId: g.document.id,
  sourceType: g.sourceType,
  sourceId: g.sourceId,
  generatedByUserId: g.generatedByUserId,
  generatedAt: iso(g.document.createdAt),
  fileName: g.document.fileName,
});
