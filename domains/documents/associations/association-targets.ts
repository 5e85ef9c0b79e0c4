import { injectable } from 'tsyringe';
import { DomainNotFoundError } from '../../../lib/kit';
import { AssetService } from '../../assets';
import { ClientService, ContactService } from '../../crm';
import { ProjectService } from '../../projects';
import { TicketService } from '../../tickets';
import { EntityType } from './association';
import { DocumentTargetNotFoundError } from './association-errors';

/**
 * Whether a record exists for the acting tenant, asked of the module that owns it through its
 * public service (tickets, CRM, projects, assets) — never its tables. Archived clients and closed
 * tickets still exist: old paperwork can be filed against them.
 */
@injectable()
export class AssociationTargets {
  constructor(
    private readonly tickets: TicketService,
    private readonly clients: ClientService,
    private readonly contacts: ContactService,
    private readonly projects: ProjectService,
    private readonly assets: AssetService,
  ) {}

  /** Resolves when the record exists; DocumentTargetNotFoundError otherwise. */
  async require(entityType: EntityType, entityId: string): Promise<void> {
    const lookups: Record<EntityType, (id: string) => Promise<unknown>> = {
      ticket: (id) => this.tickets.get(id),
      client: (id) => this.clients.get(id),
      contact: (id) => this.contacts.get(id),
      project: (id) => this.projects.get(id),
      asset: (id) => this.assets.get(id),
    };
    try {
      await lookups[entityType](entityId);
    } catch (err) {
      if (err instanceof DomainNotFoundError) throw new DocumentTargetNotFoundError(entityType, entityId);
      throw err;
    }
  }
}
