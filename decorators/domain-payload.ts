import { DateTimeField, EnumField, UuidField } from './fields';

export const ACTOR_TYPES = ['USER', 'CONTACT', 'SYSTEM'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Fields every payload carries; filled from the emission context unless the mapper sets them. */
export abstract class DomainPayload {
  @UuidField({ description: 'Tenant (MSP) the event belongs to' })
  tenantId!: string;

  @DateTimeField({ description: 'When the business action happened' })
  occurredAt!: string;

  @UuidField({ optional: true, description: 'Internal user who caused the event' })
  actorUserId?: string;

  @UuidField({ optional: true, description: 'Client contact who caused the event' })
  actorContactId?: string;

  @EnumField(ACTOR_TYPES, { optional: true })
  actorType?: ActorType;
}
