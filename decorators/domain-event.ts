import { defineDomainEvent, DomainEventOptions } from './metadata';

/** Declares a payload DTO class as the schema of an event type (ref `payload.<PascalCase>.v<version>`). */
export function DomainEvent(options: DomainEventOptions): ClassDecorator {
  return (target) => defineDomainEvent(target, options);
}
