import { iso, when } from '../../../lib/kit';
import { Contract, ContractChangeSet, ContractStatusChange } from './contract';

/** Contract results → payloads of CONTRACT_CREATED, CONTRACT_UPDATED and CONTRACT_STATUS_CHANGED. */

export const contractCreated = (c: Contract) => ({
  contractId: c.id,
  clientId: c.clientId,
  createdByUserId: c.createdByUserId!,
  createdAt: iso(c.createdAt),
  startDate: c.startDate,
  endDate: c.endDate,
  status: c.status,
});

/** No event for a save that changed nothing. */
export const contractUpdated = when(
  (s: ContractChangeSet) => Object.keys(s.changes).length > 0,
  (s) => ({
    contractId: s.after.id,
    clientId: s.after.clientId,
    actorUserId: s.byUserId,
    updatedAt: iso(s.at),
    updatedFields: Object.keys(s.changes),
    changes: s.changes,
  }),
);

/** No event when the contract already had the requested status. */
export const contractStatusChanged = when(
  (s: ContractStatusChange) => s.before.status !== s.after.status,
  (s) => ({
    contractId: s.after.id,
    clientId: s.after.clientId,
    previousStatus: s.before.status,
    newStatus: s.after.status,
    actorUserId: s.byUserId,
    changedAt: iso(s.at),
  }),
);
