import { CountField, DateTimeField, DomainPayload, UuidField } from '../../../lib/kit';
import { billing } from '../module';

@billing.event({
  type: 'CONTRACT_RENEWAL_UPCOMING',
  name: 'Contract Renewal Upcoming',
  description:
    'An active or suspended contract\'s term ends soon: sent by the renewal sweeper once per contract term, N calendar ' +
    'days before the end date (N per tenant, default 30, counted in the tenant\'s billing time zone), or at the next sweep ' +
    'when the term is already closer than that. Open-ended contracts, drafts and terms whose end date has passed get ' +
    'none. Extending the end date (CONTRACT_UPDATED) starts a new term with its own notice; the contract actually ' +
    'ending is CONTRACT_STATUS_CHANGED (→ expired).',
})
export class ContractRenewalUpcomingPayload extends DomainPayload {
  @UuidField({ description: 'The contract' }) contractId!: string;
  @UuidField({ description: 'Client the contract is with' }) clientId!: string;
  @DateTimeField({ description: "The renewal point: the start (midnight) of the term's end date in the tenant's time zone" }) renewalAt!: string;
  @CountField({ description: "Calendar days from the sweep's day to the end date (tenant's time zone); 0 on the end date itself", example: 30 })
  daysUntilRenewal!: number;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CONTRACT_RENEWAL_UPCOMING: ContractRenewalUpcomingPayload;
  }
}
