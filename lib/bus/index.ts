export * from './envelope';
export * from './wire';
export * from './event-bus';
export { InMemoryBus } from './memory-bus';
export { RedisStreamsBus } from './redis-streams-bus';
export * from './cloudevent';
