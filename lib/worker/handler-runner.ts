import { DependencyContainer } from 'tsyringe';
import { HandlerDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { withEmissionContext } from '../emission/emission-context';
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

  /** Runs the handlers not yet receipted; throws the first failure after trying them all. */
  async run(envelope: EventEnvelope): Promise<void> {
    let failure: unknown;
    for (const h of this.handlersFor(envelope.eventType)) {
      try {
        await this.runOne(h, envelope);
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure) throw failure;
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
    await withEmissionContext(ctx, () =>
      this.uow.run(async (trx) => {
        const inserted = await trx('event_handler_receipts')
          .insert({ handler: h.name, event_id: envelope.id, handled_at: new Date() })
          .onConflict(['handler', 'event_id'])
          .ignore();
        if (!affected(inserted)) return;
        await instance[h.method](envelope.payload, envelope);
      }),
    );
  }
}

/** knex reports inserted rows differently per driver: pg a result with rowCount, sqlite an id list. */
function affected(result: unknown): boolean {
  if (Array.isArray(result)) return result.length > 0 && result[0] !== 0;
  return ((result as { rowCount?: number })?.rowCount ?? 0) > 0;
}
