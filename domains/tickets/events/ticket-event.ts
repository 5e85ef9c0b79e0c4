import { DomainEvent, DomainEventOptions } from '../../../decorators';

/** `@DomainEvent` with the tickets module and category filled in, so each DTO states only what is its own. */
export const TicketEvent = (options: Omit<DomainEventOptions, 'category' | 'module'>): ClassDecorator =>
  DomainEvent({ category: 'Tickets', module: 'tickets', ...options });
