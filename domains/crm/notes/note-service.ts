import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ClientRepository } from '../clients/client-repository';
import { ContactRepository } from '../contacts/contact-repository';
import { oneOf, requiredText, requiredUuid, TEXT_MAX } from '../shared/input-checks';
import { CreateNoteInput, Note, NOTE_ENTITY_TYPES, NOTE_VISIBILITIES, NoteEntityType } from './note';
import { NoteInputError } from './note-errors';
import { noteCreated } from './note-mappers';

const fail = (field: string, reason: string) => new NoteInputError(field, reason);

/** Notes on clients and contacts. Staff only. */
@injectable()
export class NoteService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
  ) {}

  /**
   * Attaches a note to a live client or contact. Emits NOTE_CREATED with a body preview.
   * NoteInputError naming the field (entityType, entityId, a blank or over-long body, visibility);
   * not-found and archived errors for the record.
   */
  @EmitsEvent('NOTE_CREATED', noteCreated)
  async create(input: CreateNoteInput): Promise<Note> {
    const tenant = currentTenant('NoteService.create');
    const userId = requireStaff('NoteService.create');
    const entityType = oneOf(fail, 'entityType', input?.entityType, NOTE_ENTITY_TYPES);
    const entityId = requiredUuid(fail, 'entityId', input.entityId);
    const body = requiredText(fail, 'body', input.body, TEXT_MAX);
    const visibility = input.visibility === undefined ? 'internal' : oneOf(fail, 'visibility', input.visibility, NOTE_VISIBILITIES);
    await this.requireLive(entityType, entityId);
    const id = uuidv4();
    await this.uow.db('crm_notes').insert({
      note_id: id,
      tenant,
      entity_type: entityType,
      entity_id: entityId,
      body,
      visibility,
      created_by_user_id: userId,
      created_at: actionTime(),
    });
    return toNote(await this.uow.db('crm_notes').where({ tenant, note_id: id }).first());
  }

  /** Notes on one client or contact, newest first. */
  async listFor(entityType: NoteEntityType, entityId: string): Promise<Note[]> {
    const rows = await this.uow
      .db('crm_notes')
      .where({ tenant: currentTenant('NoteService.listFor'), entity_type: entityType, entity_id: String(entityId).toLowerCase() })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'note_id' }]);
    return rows.map(toNote);
  }

  private async requireLive(entityType: NoteEntityType, id: string): Promise<void> {
    if (entityType === 'client') await this.clients.getActive(id, 'add a note to the client', { field: 'entityId', forShare: true });
    else await this.contacts.getActive(id, 'add a note to the contact', { forShare: true });
  }
}

function toNote(row: Record<string, any>): Note {
  return {
    id: row.note_id,
    tenantId: row.tenant,
    entityType: row.entity_type,
    entityId: row.entity_id,
    body: row.body,
    visibility: row.visibility,
    createdByUserId: row.created_by_user_id,
    createdAt: readDate(row.created_at)!,
  };
}
