import { DateTimeField, DomainPayload, JsonField, StringField, UuidField } from '../../../lib/kit';
import { crm } from '../module';

const STATUS_EXAMPLES = ['prospect', 'active', 'inactive'];

@crm.event({
  type: 'CLIENT_CREATED',
  name: 'Client Created',
  description:
    'A new client account (the company an MSP serves) was added to the CRM. Emitted once per client, from ' +
    'ClientService.create; the legacy COMPANY_CREATED is emitted beside it from the same action. Its contacts are ' +
    'CONTACT_CREATED; later edits are CLIENT_UPDATED, CLIENT_STATUS_CHANGED and CLIENT_OWNER_ASSIGNED.',
})
export class ClientCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new client' }) clientId!: string;
  @StringField({ description: 'Client (company) name as entered, trimmed', examples: ['Acme Dental', 'Northwind Logistics'] }) clientName!: string;
  @UuidField({ description: 'Internal user who added the client' }) createdByUserId!: string;
  @DateTimeField({ description: 'When the client was added' }) createdAt!: string;
  @StringField({ optional: true, description: 'Lifecycle status it starts in: prospect, active or inactive', examples: STATUS_EXAMPLES }) status?: string;
}

@crm.event({
  type: 'COMPANY_CREATED',
  name: 'Company Created',
  status: 'legacy',
  supersededBy: ['CLIENT_CREATED'],
  description:
    'Older-style notice that a client company was added. Legacy: emitted beside CLIENT_CREATED from the same action ' +
    'for consumers not yet moved; subscribe to CLIENT_CREATED instead (consumers are not aliased automatically).',
})
export class CompanyCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The new client (company)' }) clientId!: string;
  @UuidField({ optional: true, description: 'Internal user who added it' }) userId?: string;
  @JsonField({ optional: true, description: 'The fields the company was created with, e.g. {"name":"Acme Dental","status":"prospect"}' }) changes?: unknown;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CLIENT_CREATED: ClientCreatedPayload;
    COMPANY_CREATED: CompanyCreatedPayload;
  }
}
