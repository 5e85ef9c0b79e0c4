import { ChangesField, DateTimeField, DomainPayload, JsonField, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { crm } from '../module';
import { ActingUser } from '../shared/acting-user';

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

@crm.event({
  type: 'CLIENT_UPDATED',
  name: 'Client Updated',
  description:
    'Details of a client account were edited (name, website, phoneNumber, industry): updatedFields and changes ' +
    '({previous, new}) say what changed; a save that changes nothing emits nothing. The legacy COMPANY_UPDATED is ' +
    'emitted beside it. A lifecycle status change is CLIENT_STATUS_CHANGED, a new account manager CLIENT_OWNER_ASSIGNED, ' +
    'archiving CLIENT_ARCHIVED; none of those emits CLIENT_UPDATED.',
})
export class ClientUpdatedPayload extends DomainPayload {
  @UuidField({ description: 'The client edited' }) clientId!: string;
  @UuidField({ description: 'Internal user who edited it' }) updatedByUserId!: string;
  @DateTimeField({ description: 'When it was edited' }) updatedAt!: string;
  @UpdatedFieldsField({ optional: true, description: 'Fields that changed', examples: [['name'], ['website', 'phoneNumber']] }) updatedFields?: string[];
  @ChangesField({
    optional: true,
    description: 'Previous and new value per changed field (null: unset)',
    examples: [{ name: { previous: 'Acme Dental', new: 'Acme Dental Group' } }, { website: { previous: null, new: 'https://acme.test' }, phoneNumber: { previous: '+1 555 0100', new: null } }],
  })
  changes?: Record<string, { previous: unknown; new: unknown }>;
}

@crm.event({
  type: 'COMPANY_UPDATED',
  name: 'Company Updated',
  status: 'legacy',
  supersededBy: ['CLIENT_UPDATED'],
  description:
    'Older-style notice that a client company was edited. Legacy: emitted beside CLIENT_UPDATED from the same save, ' +
    'with `changes` holding only the new value of each edited field; subscribe to CLIENT_UPDATED instead.',
})
export class CompanyUpdatedPayload extends DomainPayload {
  @UuidField({ description: 'The client (company) edited' }) clientId!: string;
  @UuidField({ optional: true, description: 'Internal user who edited it' }) userId?: string;
  @JsonField({ optional: true, description: 'New value per edited field, e.g. {"name":"Acme Dental Group"}' }) changes?: unknown;
}

@crm.event({
  type: 'CLIENT_STATUS_CHANGED',
  name: 'Client Status Changed',
  description:
    'A client moved to another lifecycle status (prospect, active, inactive), e.g. a prospect signed and became active. ' +
    'Setting the status it already has emits nothing. Archiving is not a status: it is CLIENT_ARCHIVED.',
})
export class ClientStatusChangedPayload extends DomainPayload {
  @UuidField({ description: 'The client' }) clientId!: string;
  @StringField({ description: 'Status before: prospect, active or inactive', examples: ['prospect', 'active'] }) previousStatus!: string;
  @StringField({ description: 'Status after: prospect, active or inactive', examples: ['active', 'inactive'] }) newStatus!: string;
  @ActingUser('Internal user who changed the status') override actorUserId!: string;
  @DateTimeField({ description: 'When the status changed' }) changedAt!: string;
}

@crm.event({
  type: 'CLIENT_OWNER_ASSIGNED',
  name: 'Client Owner Assigned',
  description:
    'A client was given a new account manager (owner). previousOwnerUserId is absent when it had none. Assigning the ' +
    'current owner again emits nothing. Assigning a ticket is TICKET_ASSIGNED, not this.',
})
export class ClientOwnerAssignedPayload extends DomainPayload {
  @UuidField({ description: 'The client' }) clientId!: string;
  @UuidField({ optional: true, description: 'Account manager before, if any' }) previousOwnerUserId?: string;
  @UuidField({ description: 'Account manager now' }) newOwnerUserId!: string;
  @UuidField({ description: 'Internal user who assigned the owner' }) assignedByUserId!: string;
  @DateTimeField({ description: 'When the owner was assigned' }) assignedAt!: string;
}

@crm.event({
  type: 'CLIENT_ARCHIVED',
  name: 'Client Archived',
  description:
    'A client account was archived: its history stays, but it takes no edits, new contacts, tickets or appointments ' +
    '(those are refused with CLIENT_ARCHIVED). Emitted once per client, also for the source of a client merge ' +
    '(beside CLIENT_MERGED, reason "Merged into <client id>"). A lifecycle status such as inactive is CLIENT_STATUS_CHANGED.',
})
export class ClientArchivedPayload extends DomainPayload {
  @UuidField({ description: 'The client archived' }) clientId!: string;
  @UuidField({ description: 'Internal user who archived it' }) archivedByUserId!: string;
  @DateTimeField({ description: 'When it was archived' }) archivedAt!: string;
  @StringField({ optional: true, description: 'Why, as given', examples: ['Contract ended', 'Duplicate record'] }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CLIENT_CREATED: ClientCreatedPayload;
    COMPANY_CREATED: CompanyCreatedPayload;
    CLIENT_UPDATED: ClientUpdatedPayload;
    COMPANY_UPDATED: CompanyUpdatedPayload;
    CLIENT_STATUS_CHANGED: ClientStatusChangedPayload;
    CLIENT_OWNER_ASSIGNED: ClientOwnerAssignedPayload;
    CLIENT_ARCHIVED: ClientArchivedPayload;
  }
}
