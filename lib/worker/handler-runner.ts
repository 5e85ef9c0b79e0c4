import { DependencyContainer } from 'tsyringe';
import { HandlerDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { withFreshEmissionContext } from '../emission/emission-context';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { UnitOfWork } from '../uow/unit-of-work';

/**
 * Runs each `@OnEvent` handler once per event id: the receipt row and the handler's own
 * database effects commit in one transaction, so a crash or retry can never apply them twice.
 */
export class HandlerRunner {
  private readonly byType = new Map<string, HandlerDefinition[]>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly container: DependencyContainer,
    handlers: HandlerDefinition[],
  ) {
    for (const h of handlers) this.byType.set(h.eventType, [...(this.byType.get(h.eventType) ?? []), h]);
  }

  handlersFor(eventType: string): HandlerDefinition[] {
    return this.byType.get(eventType) ?? [];
  }

  /**
   * Runs the handlers not yet receipted, on the caller's unit of work when there is one (the
   * worker's), so one failure rolls back every effect and receipt of this attempt together.
   */
  async run(envelope: EventEnvelope): Promise<void> {
    for (const h of this.handlersFor(envelope.eventType)) await this.runOne(h, envelope);
  }

  private async runOne(h: HandlerDefinition, envelope: EventEnvelope): Promise<void> {
    const instance = this.container.resolve(h.handlerClass as new (...a: any[]) => any);
    // Events the handler causes carry this event as their cause and share its correlation id.
    const ctx = {
      tenantId: envelope.tenantId,
      correlationId: envelope.correlationId ?? envelope.id,
      causationId: envelope.id,
      actorType: 'SYSTEM' as const,
    };
    await withFreshEmissionContext(ctx, () =>
      this.uow.run(async (trx) => {
        const first = await insertIfAbsent(trx, 'event_handler_receipts', { handler: h.name, event_id: envelope.id, handled_at: new Date() }, ['handler', 'event_id']);
        if (!first) return;
        await instance[h.method](envelope.payload, envelope);
      }),
    );
  }
}
