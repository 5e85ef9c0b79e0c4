export { DomainEvent } from './domain-event';
export { EmitsEvent, NotInterceptedError, isEmitterGuard } from './emits-event';
export { OnEvent } from './on-event';
export { DomainPayload, ACTOR_TYPES, ActorType } from './domain-payload';
export * from './event-types';
export * from './metadata';
export * from './fields';
