import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, diffFields, EmitsEvent, requireStaff } from '../../../lib/kit';
import { Contract, ContractChangeSet, ContractPatch, CONTRACT_STATUSES, ContractStatus, ContractStatusChange, CreateContractInput } from './contract';
import { ContractClosedError, ContractInputError, ContractStatusTransitionError } from './contract-errors';
import { applyContractPatch, checkNewContract, contractFieldsOf } from './contract-input';
import { canMoveContract, CLOSED_CONTRACT_STATUSES } from './contract-lifecycle';
import { contractCreated, contractStatusChanged, contractUpdated } from './contract-mappers';
import { ContractRepository } from './contract-repository';
import { BillingSettingsService } from '../settings/billing-settings-service';

/**
 * Setting up client contracts, editing their terms and moving them through their lifecycle
 * (contract-lifecycle.ts). Staff actions: each needs an internal user (StaffActorRequiredError).
 * Recurring billing (RecurringBillingService) bills the active ones.
 */
@injectable()
export class ContractService {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly billingSettings: BillingSettingsService,
  ) {}

  /** Creates a draft contract for a client; input rules in contract-input.ts (ContractInputError names the field). */
  @EmitsEvent('CONTRACT_CREATED', contractCreated)
  async create(input: CreateContractInput): Promise<Contract> {
    const tenant = currentTenant('ContractService.create');
    const userId = requireStaff('ContractService.create');
    const { clientId, ...fields } = checkNewContract(input);
    const id = uuidv4();
    const at = actionTime();
    await this.contracts.insert(
      { contract_id: id, tenant, client_id: clientId, status: 'draft', created_by_user_id: userId, created_at: at, updated_at: at },
      fields,
    );
    return this.contracts.get(id);
  }

  /**
   * Saves a patch of the contract's terms (name, dates, currency, frequency, lines). A save that
   * changes nothing writes and emits nothing; a terminated or expired contract is refused
   * (ContractClosedError). Extending `endDate` starts a new term for the renewal notice.
   */
  @EmitsEvent('CONTRACT_UPDATED', contractUpdated)
  async update(contractId: string, patch: ContractPatch): Promise<ContractChangeSet> {
    const tenant = currentTenant('ContractService.update');
    const byUserId = requireStaff('ContractService.update');
    const before = await this.contracts.get(contractId, true);
    if (CLOSED_CONTRACT_STATUSES.includes(before.status)) throw new ContractClosedError(before.id, before.status, 'update its terms');
    const fields = applyContractPatch(before, patch);
    const { changes } = diffFields(contractFieldsOf(before) as unknown as Record<string, unknown>, fields as unknown as Record<string, unknown>);
    const at = actionTime();
    if (!Object.keys(changes).length) return { before, after: before, changes, byUserId, at };
    await this.contracts.saveFields(tenant, before.id, fields, at);
    return { before, after: await this.contracts.get(before.id), changes, byUserId, at };
  }

  /**
   * Moves the contract to `status`. The same status again is a no-op (no event); a move the
   * lifecycle does not allow is refused (ContractStatusTransitionError), and so is expiring a
   * contract before its end date has passed (the calendar day of the action in the tenant's
   * time zone, BillingSettingsService).
   */
  @EmitsEvent('CONTRACT_STATUS_CHANGED', contractStatusChanged)
  async changeStatus(contractId: string, status: ContractStatus): Promise<ContractStatusChange> {
    const tenant = currentTenant('ContractService.changeStatus');
    const byUserId = requireStaff('ContractService.changeStatus');
    if (!CONTRACT_STATUSES.includes(status)) throw new ContractInputError('status', `must be one of ${CONTRACT_STATUSES.join(', ')}`);
    const before = await this.contracts.get(contractId, true);
    const at = actionTime();
    if (before.status === status) return { before, after: before, byUserId, at };
    if (!canMoveContract(before.status, status)) throw new ContractStatusTransitionError(before.id, before.status, status);
    if (status === 'expired') {
      const today = await this.billingSettings.localDate(tenant, at);
      if (!before.endDate || before.endDate >= today) {
        throw new ContractStatusTransitionError(before.id, before.status, status, before.endDate ? `its term runs until ${before.endDate}` : 'it has no end date');
      }
    }
    await this.contracts.saveStatus(tenant, before.id, status, at);
    return { before, after: await this.contracts.get(before.id), byUserId, at };
  }

  get(contractId: string): Promise<Contract> {
    return this.contracts.get(contractId);
  }
}
