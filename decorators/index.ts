export { DomainEvent } from './domain-event';
export { EmitsEvent } from './emits-event';
export { OnEvent } from './on-event';
export { DomainPayload, ACTOR_TYPES, ActorType } from './domain-payload';
export * from './metadata';
export * from './fields';
