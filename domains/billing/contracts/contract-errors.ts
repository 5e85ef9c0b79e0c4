import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { ContractStatus } from './contract';
import { nextContractStatuses } from './contract-lifecycle';

/** Refusals of contract actions; each carries a stable `code` for API callers. */

export class ContractNotFoundError extends DomainNotFoundError {
  constructor(readonly contractId: string) {
    super('contract', contractId);
  }
}

/** Input a contract action refuses; `field` names it (`endDate`, `lines[0].unitPrice`, …). */
export class ContractInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'CONTRACT_INPUT_INVALID', 'contract input');
  }
}

/** A lifecycle move the contract's status does not allow (reactivating a terminated contract, …). */
export class ContractStatusTransitionError extends DomainStateError {
  constructor(
    readonly contractId: string,
    readonly from: ContractStatus,
    readonly to: ContractStatus,
    reason?: string,
  ) {
    const next = nextContractStatuses(from);
    super(
      `Contract ${contractId} cannot move from ${from} to ${to}: ${reason ?? (next.length ? `a ${from} contract can move to ${next.join(', ')}` : `${from} is final`)}`,
      'CONTRACT_STATUS_TRANSITION',
    );
  }
}

/** The contract is terminated or expired: its terms can no longer change. */
export class ContractClosedError extends DomainStateError {
  constructor(
    readonly contractId: string,
    readonly status: ContractStatus,
    action: string,
  ) {
    super(`Cannot ${action}: contract ${contractId} is ${status}`, 'CONTRACT_CLOSED');
  }
}
