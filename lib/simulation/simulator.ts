import { v4 as uuidv4 } from 'uuid';
import { DomainEventDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { withEmissionContext } from '../emission/emission-context';
import { EventRuntime } from '../runtime/event-runtime';
import { samplePayload } from '../schema/sample-payload';

export interface SimulateOptions {
  /** The payload to publish; omitted → a realistic sample generated from the event's JSON Schema. */
  payload?: Record<string, unknown>;
  /** Tenant to publish as (overrides the payload's); default a fresh UUID. */
  tenantId?: string;
  /** Schema version; default the latest registered. */
  version?: number;
  /** Reproducible sample. */
  seed?: number;
}

export interface Simulation {
  envelope: EventEnvelope;
  /** True when the payload was generated rather than given. */
  generated: boolean;
}

/**
 * Publishes any catalogued event on demand, through exactly the path a business action takes:
 * enrich (tenant, time, actor) → validate → outbox in a transaction → relay → bus → worker.
 * An invalid payload throws EventPayloadInvalidError and nothing is staged.
 */
export class Simulator {
  constructor(private readonly runtime: EventRuntime) {}

  /** Every registered schema ref (catalog-only and older versions included), catalog order. */
  definitions(): DomainEventDefinition[] {
    return [...this.runtime.registry.all()].sort(
      (a, b) => a.category.localeCompare(b.category) || a.type.localeCompare(b.type) || a.version - b.version,
    );
  }

  /** A valid sample payload for the ref, minus the fields the emission context fills in. */
  sample(schemaRef: string, seed?: number): Record<string, unknown> {
    const { tenantId: _t, occurredAt: _o, ...rest } = samplePayload(this.runtime.registry.jsonSchema(schemaRef)!, { seed });
    return rest;
  }

  async simulate(eventType: string, options: SimulateOptions = {}): Promise<Simulation> {
    const def = this.runtime.registry.resolve(eventType, options.version);
    // A given tenantId of the wrong type (number, null, object) stays in the payload for the
    // validator to refuse by name; it is never replaced by a random tenant.
    const given = options.payload && 'tenantId' in options.payload ? options.payload.tenantId : undefined;
    const tenantId = options.tenantId ?? (given === undefined ? uuidv4() : given);
    const payload = { ...(options.payload ?? this.sample(def.schemaRef, options.seed)), tenantId };
    const contextTenant = typeof tenantId === 'string' ? tenantId : undefined;
    const envelope = await withEmissionContext({ tenantId: contextTenant, actorType: 'SYSTEM' }, () => this.runtime.emit(def.type, payload, def.version));
    return { envelope, generated: !options.payload };
  }
}
