import { DependencyContainer } from 'tsyringe';
import { HandlerDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { withFreshEmissionContext } from '../emission/emission-context';
import { SchemaRegistry } from '../schema/registry';
import { insertIfAbsent } from '../uow/insert-if-absent';
import { UnitOfWork } from '../uow/unit-of-work';

/** A handler that threw; the others of the event are unaffected. */
export interface HandlerFailure {
  handler: string;
  error: Error;
}

/**
 * Runs each `@OnEvent` handler once per event id, each on its own: its receipt row and its own
 * database effects commit in one transaction of their own, so a sibling's failure never undoes
 * (and a retry never repeats) a handler that succeeded — a mail sent stays sent once.
 */
export class HandlerRunner {
  private readonly byType = new Map<string, HandlerDefinition[]>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly container: DependencyContainer,
    handlers: HandlerDefinition[],
    private readonly registry?: SchemaRegistry,
  ) {
    for (const h of handlers) this.byType.set(h.eventType, [...(this.byType.get(h.eventType) ?? []), h]);
  }

  handlersFor(eventType: string): HandlerDefinition[] {
    return this.byType.get(eventType) ?? [];
  }

  /**
   * Runs, in declaration order, every handler of the event that has no receipt yet; each commits
   * or rolls back alone. Resolves with the failures (empty when every handler has its receipt).
   */
  async run(envelope: EventEnvelope): Promise<HandlerFailure[]> {
    const failures: HandlerFailure[] = [];
    for (const h of this.handlersFor(envelope.eventType)) {
      try {
        await this.runOne(h, envelope);
      } catch (err) {
        failures.push({ handler: h.name, error: err instanceof Error ? err : new Error(String(err)) });
      }
    }
    return failures;
  }

  /** The payload in the version the handler declared (converted down from a newer one). */
  private payloadFor(h: HandlerDefinition, envelope: EventEnvelope): Record<string, unknown> {
    const def = this.registry?.byRef(envelope.schemaRef);
    if (h.version === undefined || !def || def.version === h.version) return envelope.payload;
    return this.registry!.convert(def, envelope.payload, h.version);
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
        await instance[h.method](this.payloadFor(h, envelope), envelope);
      }),
    );
  }
}
