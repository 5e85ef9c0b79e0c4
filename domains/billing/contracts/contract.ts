/** Contracts as ContractService returns them (no logic here). */

export const CONTRACT_STATUSES = ['draft', 'active', 'suspended', 'terminated', 'expired'] as const;
/** draft → active ⇄ suspended → terminated | expired (contract-lifecycle.ts has the moves). */
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const BILLING_FREQUENCIES = ['monthly', 'quarterly', 'annually'] as const;
/** How often a recurring run bills the contract: every 1, 3 or 12 months from its start month. */
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

/** A recurring charge billed once per billing period of the contract. */
export interface ContractLine {
  description: string;
  /** Whole units (seats, devices, hours), > 0. */
  quantity: number;
  /** Minor units of the contract's currency (cents; yen for JPY), >= 0. */
  unitPrice: number;
}

export interface Contract {
  id: string;
  tenantId: string;
  clientId: string;
  name: string;
  status: ContractStatus;
  /** First day of the term, YYYY-MM-DD. */
  startDate: string;
  /** Last day of the current term (inclusive), YYYY-MM-DD; absent for an open-ended contract. */
  endDate?: string;
  /** ISO 4217, upper case. */
  currency: string;
  billingFrequency: BillingFrequency;
  /** May be empty (terms not priced yet); a recurring run reports such a contract as not billable. */
  lines: ContractLine[];
  createdByUserId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateContractInput {
  clientId: string;
  name: string;
  startDate: string;
  endDate?: string;
  /** Default USD. */
  currency?: string;
  /** Default monthly. */
  billingFrequency?: BillingFrequency;
  lines?: ContractLine[];
}

/** Fields to change; absent fields stay as they are, `endDate: null` makes the contract open-ended. */
export interface ContractPatch {
  name?: string;
  startDate?: string;
  endDate?: string | null;
  currency?: string;
  billingFrequency?: BillingFrequency;
  /** Replaces all lines. */
  lines?: ContractLine[];
}

/** The editable fields of a contract, as CONTRACT_UPDATED's `changes` names them. */
export interface ContractFields {
  name: string;
  startDate: string;
  endDate: string | null;
  currency: string;
  billingFrequency: BillingFrequency;
  lines: ContractLine[];
}

export interface ContractChangeSet {
  before: Contract;
  after: Contract;
  /** `{ previous, new }` per changed field; empty when the save changed nothing (no event). */
  changes: Record<string, { previous: unknown; new: unknown }>;
  byUserId: string;
  at: Date;
}

export interface ContractStatusChange {
  before: Contract;
  after: Contract;
  byUserId: string;
  at: Date;
}
