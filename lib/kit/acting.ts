import { isUuid } from '../../decorators';
import { canonicalUuid } from '../emission/canonical-form';
import { actorTypeOf, currentEmissionContext, requireTenant } from '../emission/emission-context';
import { DomainError } from './domain-error';

/**
 * Who acts, for which tenant, and when — as domain services read it. Everything comes from the
 * emission context, the same one the pipeline fills payloads from, so rows and events agree.
 */

/** The emission clock: rows and payloads share it, so fake timers and `clock` move both. */
export const actionTime = (): Date => currentEmissionContext().now();

/** The emission context's tenant is not a UUID: refused before the service writes anything. */
export class InvalidTenantError extends DomainError {
  constructor(action: string, tenantId: unknown) {
    super('TENANT_INVALID', `${action} needs a tenant UUID in the emission context; tenantId is ${JSON.stringify(tenantId)}`, 'tenantId');
  }
}

/**
 * The acting tenant in canonical lower case (the form the pipeline gives the event's envelope and
 * payload, and PostgreSQL's uuid type stores), for services that scope their rows by it: rows and
 * events agree on every database. Throws MissingTenantError without one, InvalidTenantError
 * (TENANT_INVALID, field `tenantId`) when it is not a UUID, both naming `action`.
 */
export const currentTenant = (action: string): string => {
  const tenantId: unknown = requireTenant(action);
  if (typeof tenantId !== 'string' || !isUuid(tenantId)) throw new InvalidTenantError(action, tenantId);
  return canonicalUuid(tenantId);
};

const canonicalId = (id: string | undefined): string | undefined => (typeof id === 'string' ? canonicalUuid(id) : id);

/** The acting internal user, if any (a UUID in lower case; anything else as given, for the payload check to name). */
export const currentUserId = (): string | undefined => canonicalId(currentEmissionContext().actorUserId);

/** The acting client contact, if any (a UUID in lower case, as currentUserId). */
export const currentContactId = (): string | undefined => canonicalId(currentEmissionContext().actorContactId);

/** USER, CONTACT or SYSTEM, derived exactly as the emission pipeline derives it. */
export const currentActorType = () => actorTypeOf(currentEmissionContext());

/** A client contact acts (stated, or implied by a contact and no user). */
export const actsAsContact = (): boolean => currentActorType() === 'CONTACT';

export class StaffActorRequiredError extends DomainError {
  constructor(action: string) {
    super('STAFF_ACTOR_REQUIRED', `${action} needs an internal user: run it with actorUserId in the emission context`);
  }
}

/** The acting internal user of a staff-only action; throws StaffActorRequiredError naming `action`. */
export function requireStaff(action: string): string {
  const userId = currentUserId();
  if (!userId || actsAsContact()) throw new StaffActorRequiredError(action);
  return userId;
}
