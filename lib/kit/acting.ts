import { actorTypeOf, currentEmissionContext, requireTenant } from '../emission/emission-context';
import { DomainError } from './domain-error';

/**
 * Who acts, for which tenant, and when — as domain services read it. Everything comes from the
 * emission context, the same one the pipeline fills payloads from, so rows and events agree.
 */

/** The emission clock: rows and payloads share it, so fake timers and `clock` move both. */
export const actionTime = (): Date => currentEmissionContext().now();

/** The acting tenant, for services that scope their rows by it; throws MissingTenantError naming `action`. */
export const currentTenant = (action: string): string => requireTenant(action);

/** The acting internal user, if any. */
export const currentUserId = (): string | undefined => currentEmissionContext().actorUserId;

/** The acting client contact, if any. */
export const currentContactId = (): string | undefined => currentEmissionContext().actorContactId;

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
