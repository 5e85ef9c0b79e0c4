import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, isDateTime, readDate, requireStaff, UnitOfWork } from '../../../lib/kit';
import { ClientRepository } from '../clients/client-repository';
import { ContactRepository } from '../contacts/contact-repository';
import { oneOf, optionalText, optionalUuid } from '../shared/input-checks';
import { Interaction, INTERACTION_CHANNELS, INTERACTION_TYPES, LogInteractionInput } from './interaction';
import { InteractionInputError } from './interaction-errors';
import { interactionLogged } from './interaction-mappers';

const fail = (field: string, reason: string) => new InteractionInputError(field, reason);
/** Clock skew tolerated for an interaction logged "just now" from another machine. */
const SKEW_MS = 60_000;

/** Logging calls, emails and meetings with a client. Staff only. */
@injectable()
export class InteractionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clients: ClientRepository,
    private readonly contacts: ContactRepository,
  ) {}

  /**
   * Records a touchpoint with a live client (and optionally one of its live contacts). Emits
   * INTERACTION_LOGGED. InteractionInputError naming the field: an unknown type or channel,
   * occurredAt that is no ISO timestamp with offset or lies in the future, a contact of another
   * client, no client and no contact. ClientNotFoundError / ClientArchivedError, ContactNotFoundError
   * / ContactArchivedError for the records named.
   */
  @EmitsEvent('INTERACTION_LOGGED', interactionLogged)
  async log(input: LogInteractionInput): Promise<Interaction> {
    const tenant = currentTenant('InteractionService.log');
    const userId = requireStaff('InteractionService.log');
    const type = oneOf(fail, 'type', input?.type, INTERACTION_TYPES);
    const channel = oneOf(fail, 'channel', input.channel, INTERACTION_CHANNELS);
    if (!isDateTime(input.occurredAt)) throw fail('occurredAt', 'must be an ISO 8601 timestamp with offset, e.g. 2026-03-09T09:30:00Z');
    const occurredAt = new Date(input.occurredAt);
    const now = actionTime();
    if (occurredAt.getTime() > now.getTime() + SKEW_MS) throw fail('occurredAt', 'must not lie in the future (log an interaction once it happened)');
    const subject = optionalText(fail, 'subject', input.subject) ?? null;
    const outcome = optionalText(fail, 'outcome', input.outcome) ?? null;
    let clientId = optionalUuid(fail, 'clientId', input.clientId) ?? undefined;
    const contactId = optionalUuid(fail, 'contactId', input.contactId) ?? undefined;
    if (!clientId && !contactId) throw fail('clientId', 'or contactId must be given');
    if (contactId) {
      const contact = await this.contacts.get(contactId);
      if (clientId && clientId !== contact.clientId) throw fail('contactId', `belongs to another client (${contact.clientId})`);
      clientId = contact.clientId;
    }
    // Client before contact, the order merges lock them in; both held as read until commit.
    await this.clients.getActive(clientId!, 'log an interaction with the client', { field: 'clientId', forShare: true });
    if (contactId) {
      const contact = await this.contacts.getActive(contactId, 'log an interaction with the contact', { forShare: true });
      if (contact.clientId !== clientId) throw fail('contactId', `belongs to another client (${contact.clientId})`);
    }
    const id = uuidv4();
    await this.uow.db('crm_interactions').insert({
      interaction_id: id,
      tenant,
      client_id: clientId,
      contact_id: contactId ?? null,
      type,
      channel,
      occurred_at: occurredAt,
      subject,
      outcome,
      logged_by_user_id: userId,
      logged_at: now,
    });
    return this.get(id);
  }

  /** The client's interactions, latest first. */
  async listForClient(clientId: string): Promise<Interaction[]> {
    const client = await this.clients.get(clientId);
    const rows = await this.uow.db('crm_interactions').where({ tenant: currentTenant('InteractionService.listForClient'), client_id: client.id }).orderBy('occurred_at', 'desc');
    return rows.map(toInteraction);
  }

  private async get(id: string): Promise<Interaction> {
    return toInteraction(await this.uow.db('crm_interactions').where({ tenant: currentTenant('InteractionService.get'), interaction_id: id }).first());
  }
}

function toInteraction(row: Record<string, any>): Interaction {
  return {
    id: row.interaction_id,
    tenantId: row.tenant,
    clientId: row.client_id,
    contactId: row.contact_id ?? undefined,
    type: row.type,
    channel: row.channel,
    occurredAt: readDate(row.occurred_at)!,
    subject: row.subject ?? undefined,
    outcome: row.outcome ?? undefined,
    loggedByUserId: row.logged_by_user_id,
    loggedAt: readDate(row.logged_at)!,
  };
}
