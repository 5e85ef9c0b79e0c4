import { injectable } from 'tsyringe';

/**
 * Port: may this client get a new ticket? Tickets cannot ask the CRM module (CRM depends on
 * tickets to move a merged client's tickets), so it declares this and binds a permissive default;
 * a module that knows clients provides the real rule (module `provides`).
 */
export abstract class TicketClientPolicy {
  /** Throws a DomainError naming the client when it may not get new tickets. */
  abstract assertCanOpenTicket(clientId: string): Promise<void>;
}

/** Without a client directory every client may get tickets. */
@injectable()
export class AnyClientMayOpenTickets extends TicketClientPolicy {
  async assertCanOpenTicket(): Promise<void> {}
}
