import { Document } from '../documents/document';

/** Sources a document can be generated from. */
export const GENERATED_SOURCE_TYPES = ['invoice'] as const;
export type GeneratedSourceType = (typeof GENERATED_SOURCE_TYPES)[number];

/** A generated document and who asked for it (absent when the system did on its own). */
export interface GeneratedDocument {
  document: Document;
  sourceType: GeneratedSourceType;
  sourceId: string;
  generatedByUserId?: string;
}
