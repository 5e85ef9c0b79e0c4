import { UuidField } from '../../lib/kit';

/**
 * DomainPayload's optional `actorUserId`, required: for staff-only actions whose spec payload
 * names the acting user. It sits on each concrete DTO because class-validator lets only a class's
 * own ValidateIf replace an inherited one.
 */
export const ActingUser = (): PropertyDecorator => UuidField({ optional: false, description: 'Internal user who performed the action' });
