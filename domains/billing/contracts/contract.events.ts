import { ChangesField, DateField, DateTimeField, DomainPayload, FieldChanges, StringField, UpdatedFieldsField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

/**
 * DomainPayload's optional `actorUserId`, required: contract edits and status moves are staff
 * actions whose spec payload names the acting user. On each concrete DTO, because class-validator
 * lets only a class's own ValidateIf replace an inherited one.
 */
const ActingUser = (): PropertyDecorator => UuidField({ optional: false, description: 'Internal user who performed the action' });

/** Every contract event names the contract and the client it binds. */
abstract class ContractPayload extends DomainPayload {
  @UuidField({ description: 'The contract' }) contractId!: string;
  @UuidField({ description: 'Client the contract is with' }) clientId!: string;
}

@billing.event({
  type: 'CONTRACT_CREATED',
  name: 'Contract Created',
  description:
    'A contract was set up for a client, as a draft: its term (start and optional end date), currency, billing ' +
    'frequency and recurring lines. Nothing is billed until it is activated (CONTRACT_STATUS_CHANGED draft → active) ' +
    'and a recurring billing run covers one of its billing periods. Later edits are CONTRACT_UPDATED.',
})
export class ContractCreatedPayload extends ContractPayload {
  @UuidField({ description: 'Internal user who created the contract' }) createdByUserId!: string;
  @DateTimeField({ description: 'When the contract was created' }) createdAt!: string;
  @DateField({ optional: true, description: 'First day of the term (YYYY-MM-DD)' }) startDate?: string;
  @DateField({ optional: true, description: 'Last day of the current term, inclusive (YYYY-MM-DD); absent for an open-ended contract' })
  endDate?: string;
  @StringField({ optional: true, description: 'Status after creation: always draft', example: 'draft' }) status?: string;
}

@billing.event({
  type: 'CONTRACT_UPDATED',
  name: 'Contract Updated',
  description:
    'Terms of a client contract were edited in one save (name, startDate, endDate, currency, billingFrequency or ' +
    'the recurring lines); `changes` holds each field\'s previous and new value (lines as the whole list). A save ' +
    'that changes nothing emits nothing. Status moves are CONTRACT_STATUS_CHANGED; invoices already generated do ' +
    'not change. A later endDate starts a new term, which gets its own CONTRACT_RENEWAL_UPCOMING.',
})
export class ContractUpdatedPayload extends ContractPayload {
  @ActingUser() override actorUserId!: string;
  @DateTimeField({ description: 'When the edit was saved' }) updatedAt!: string;

  @UpdatedFieldsField({ optional: true, description: 'Fields that changed: name, startDate, endDate, currency, billingFrequency, lines' })
  updatedFields?: string[];

  @ChangesField({ optional: true, description: 'Previous and new value of each changed field; null means unset' })
  changes?: FieldChanges['changes'];
}

@billing.event({
  type: 'CONTRACT_STATUS_CHANGED',
  name: 'Contract Status Changed',
  description:
    'A contract moved in its lifecycle: draft → active or terminated; active → suspended, terminated or expired; ' +
    'suspended → active, terminated or expired. Terminated and expired are final, and a contract expires only once ' +
    'its end date has passed. Only active contracts are billed by recurring runs. Edits of terms are CONTRACT_UPDATED; ' +
    'the notice ahead of the end date is CONTRACT_RENEWAL_UPCOMING.',
})
export class ContractStatusChangedPayload extends ContractPayload {
  @StringField({ description: 'Status before the move: draft, active or suspended', example: 'draft' }) previousStatus!: string;
  @StringField({ description: 'Status after the move: active, suspended, terminated or expired', example: 'active' }) newStatus!: string;
  @ActingUser() override actorUserId!: string;
  @DateTimeField({ description: 'When the status changed' }) changedAt!: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CONTRACT_CREATED: ContractCreatedPayload;
    CONTRACT_UPDATED: ContractUpdatedPayload;
    CONTRACT_STATUS_CHANGED: ContractStatusChangedPayload;
  }
}
