import { injectable } from 'tsyringe';

/**
 * Port: may this client get a new appointment? Clients belong to the CRM module, which scheduling
 * does not depend on; it declares this port and binds a permissive default, and a module that
 * knows clients provides the real rule (module `provides`), e.g. refusing an archived client.
 */
export abstract class AppointmentClientPolicy {
  /** Throws a DomainError naming the client when it may not be booked. */
  abstract assertCanBook(clientId: string): Promise<void>;
}

/** Without a client directory every client may be booked. */
@injectable()
export class AnyClientMayBeBooked extends AppointmentClientPolicy {
  async assertCanBook(): Promise<void> {}
}
