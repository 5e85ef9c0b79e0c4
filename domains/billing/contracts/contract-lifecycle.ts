import { ContractStatus } from './contract';

/**
 * The moves of a contract: a draft is signed (active) or dropped (terminated); an active contract
 * is suspended (e.g. for non-payment), terminated early or expires at the end of its term; a
 * suspended one is resumed, terminated or expires. Terminated and expired are final: a new term
 * after expiry is a new contract, a renewal before it is an update of the end date.
 */
const MOVES: Record<ContractStatus, readonly ContractStatus[]> = {
  draft: ['active', 'terminated'],
  active: ['suspended', 'terminated', 'expired'],
  suspended: ['active', 'terminated', 'expired'],
  terminated: [],
  expired: [],
};

export const canMoveContract = (from: ContractStatus, to: ContractStatus): boolean => MOVES[from].includes(to);

export const nextContractStatuses = (status: ContractStatus): readonly ContractStatus[] => MOVES[status];

/** Statuses whose terms can no longer be edited. */
export const CLOSED_CONTRACT_STATUSES: readonly ContractStatus[] = ['terminated', 'expired'];
