import { defineDomainEvent, DomainEventOptions } from './metadata';

/**
 * Declares a payload DTO class as the schema of an event type (ref `payload.<PascalCase>.v<version>`).
 * A module's own `module.event(...)` decorator is this with the module's name and category filled in.
 */
export function DomainEvent(options: DomainEventOptions): ClassDecorator {
  return (target) => {
    defineDomainEvent(target, options);
  };
}
