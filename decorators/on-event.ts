import { EventPayload, EventType, HandlerDecorator } from './event-types';
import { addHandler, HandlerOptions } from './metadata';

/**
 * Registers the decorated method of an injectable class as a handler of `eventType`, run once per
 * event id with `(payload, envelope)`. With `{ version }` it receives that schema version of the
 * payload (converted down from newer ones) and tsc leaves the payload type to the method.
 */
export function OnEvent<K extends EventType>(eventType: K): HandlerDecorator<EventPayload<K>>;
export function OnEvent<K extends EventType>(eventType: K, options: HandlerOptions): HandlerDecorator<any>;
export function OnEvent(eventType: string, options: HandlerOptions = {}): HandlerDecorator<any> {
  return (target, propertyKey) => addHandler(target, String(propertyKey), eventType, options);
}
