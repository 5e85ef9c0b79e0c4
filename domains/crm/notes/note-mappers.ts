import { iso } from '../../../lib/kit';
import { Note } from './note';

export const PREVIEW_LENGTH = 140;

/** The body's first 140 characters with runs of whitespace collapsed; `…` marks a cut. */
export function bodyPreview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1)}…`;
}

export const noteCreated = (n: Note) => ({
  noteId: n.id,
  entityType: n.entityType,
  entityId: n.entityId,
  createdByUserId: n.createdByUserId,
  createdAt: iso(n.createdAt),
  visibility: n.visibility,
  bodyPreview: bodyPreview(n.body),
});
