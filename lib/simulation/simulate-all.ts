import { DomainEventDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { EventRuntime } from '../runtime/event-runtime';
import { IngestionWatch } from './await-ingestion';
import { Simulator } from './simulator';

export interface SimulateAllProgress {
  index: number;
  total: number;
  definition: DomainEventDefinition;
  envelope?: EventEnvelope;
  error?: Error;
}

export interface SimulateAllResult {
  tenantId: string;
  simulated: number;
  ingested: number;
  failed: Array<{ schemaRef: string; eventId?: string; reason: string }>;
}

/**
 * A generated sample of every registered schema ref published as one tenant, then followed to
 * the worker. The relay and worker must be running (here or in another process).
 */
export async function simulateAll(
  runtime: EventRuntime,
  options: {
    tenantId: string;
    timeoutMs?: number;
    seed?: number;
    onProgress?: (p: SimulateAllProgress) => void;
    /** Default: every registered schema ref. */
    definitions?: DomainEventDefinition[];
  },
): Promise<SimulateAllResult> {
  const simulator = new Simulator(runtime);
  const watch = new IngestionWatch(runtime);
  const definitions = options.definitions ?? simulator.definitions();
  const failed: SimulateAllResult['failed'] = [];
  const published = new Map<string, string>();
  try {
    for (const [i, definition] of definitions.entries()) {
      const progress: SimulateAllProgress = { index: i + 1, total: definitions.length, definition };
      try {
        const { envelope } = await simulator.simulate(definition.type, { version: definition.version, tenantId: options.tenantId, seed: options.seed });
        published.set(envelope.id, definition.schemaRef);
        progress.envelope = envelope;
      } catch (err) {
        failed.push({ schemaRef: definition.schemaRef, reason: (err as Error).message });
        progress.error = err as Error;
      }
      options.onProgress?.(progress);
    }
    const outcome = await watch.wait([...published.keys()], options.timeoutMs);
    for (const d of outcome.deadLettered) failed.push({ schemaRef: published.get(d.id)!, eventId: d.id, reason: `dead-lettered: ${d.reason.code} ${d.reason.message}` });
    for (const id of outcome.pending) failed.push({ schemaRef: published.get(id)!, eventId: id, reason: 'not ingested by the worker before the timeout' });
    return { tenantId: options.tenantId, simulated: published.size, ingested: outcome.ingested.length, failed };
  } finally {
    watch.close();
  }
}
