/** Notes attached to a client or a contact, as the CRM services return them. */

export const NOTE_ENTITY_TYPES = ['client', 'contact'] as const;
export type NoteEntityType = (typeof NOTE_ENTITY_TYPES)[number];

/** `internal`: staff only (the default); `public`: may be shown to the client's contacts (portal). */
export const NOTE_VISIBILITIES = ['public', 'internal'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export interface Note {
  id: string;
  tenantId: string;
  entityType: NoteEntityType;
  entityId: string;
  body: string;
  visibility: NoteVisibility;
  createdByUserId: string;
  createdAt: Date;
}

export interface CreateNoteInput {
  entityType: NoteEntityType;
  entityId: string;
  /** Plain text, up to 10 000 characters. */
  body: string;
  /** Default `internal`. */
  visibility?: NoteVisibility;
}
