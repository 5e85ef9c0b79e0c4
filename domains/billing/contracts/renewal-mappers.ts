import { iso } from '../../../lib/kit';
import { RenewalNotice } from './renewal';

/**
 * The sweeper works across tenants for no one in particular: the tenant comes from each notice and
 * the actor is SYSTEM (stated, so the caller's context actor is not attached).
 */
export const renewalsUpcoming = (notices: RenewalNotice[]) =>
  notices.map((n) => ({
    tenantId: n.tenantId,
    actorType: 'SYSTEM' as const,
    contractId: n.contractId,
    clientId: n.clientId,
    renewalAt: iso(n.renewalAt),
    daysUntilRenewal: n.daysUntilRenewal,
  }));
