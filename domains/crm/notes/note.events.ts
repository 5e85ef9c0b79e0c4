import { DateTimeField, DomainPayload, EnumField, StringField, UuidField } from '../../../lib/kit';
import { crm } from '../module';
import { NOTE_ENTITY_TYPES, NOTE_VISIBILITIES, NoteEntityType, NoteVisibility } from './note';

@crm.event({
  type: 'NOTE_CREATED',
  name: 'Note Created',
  description:
    'A note was attached to a client or a contact (NoteService.create). Carries a preview of the body (first 140 ' +
    'characters, whitespace collapsed), never the whole text: read the note for it. Emitted once per note; notes that ' +
    'move with a merge emit no new NOTE_CREATED. A logged call or meeting is INTERACTION_LOGGED; an internal note on a ' +
    'ticket is a ticket message.',
})
export class NoteCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new note' }) noteId!: string;
  @EnumField(NOTE_ENTITY_TYPES, { description: 'Kind of record the note is attached to' }) entityType!: NoteEntityType;
  @UuidField({ description: 'The client or contact it is attached to' }) entityId!: string;
  @UuidField({ description: 'Internal user who wrote it' }) createdByUserId!: string;
  @DateTimeField({ description: 'When it was written' }) createdAt!: string;
  @EnumField(NOTE_VISIBILITIES, { optional: true, description: 'internal (staff only, the default) or public (may be shown to the client)' }) visibility?: NoteVisibility;
  @StringField({ optional: true, description: 'First 140 characters of the body, whitespace collapsed', examples: ['Prefers calls after 2pm; billing questions go to Dana.'] }) bodyPreview?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    NOTE_CREATED: NoteCreatedPayload;
  }
}
