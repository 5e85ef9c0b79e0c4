import { addHandler } from './metadata';

/** Registers the decorated method of an injectable class as a handler run once per event id. */
export function OnEvent(eventType: string): MethodDecorator {
  return (target, propertyKey) => addHandler(target, String(propertyKey), eventType);
}
