import { UuidField } from '../../../lib/kit';

/**
 * Makes DomainPayload's optional `actorUserId` required, for events whose spec names it as a
 * required field. It sits on each concrete DTO: class-validator lets only a class's own
 * ValidateIf replace an inherited one.
 */
export const ActingUser = (description = 'Internal user who performed the action'): PropertyDecorator =>
  UuidField({ optional: false, description });
