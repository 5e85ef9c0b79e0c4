import { withFreshEmissionContext } from '../emission/emission-context';
import type { EventRuntime } from '../runtime/event-runtime';
import { Sweeper } from './domain-module';

export interface SweepResult {
  module: string;
  sweeper: string;
  /** How many subjects it emitted for; undefined when it failed. */
  count?: number;
  error?: Error;
  durationMs: number;
}

/**
 * Runs every sweeper of the runtime's modules (or of one module) once, each on its own and for no
 * one in particular (actor SYSTEM, no tenant: sweepers take the tenant from each row). A failing
 * sweeper is reported, not thrown, so the others still run. `now` pins the emission clock.
 */
export async function runSweepers(runtime: EventRuntime, options: { module?: string; now?: Date } = {}): Promise<SweepResult[]> {
  const modules = runtime.modules.filter((m) => !options.module || m.name === options.module);
  if (options.module && !modules.length) throw new Error(`No module ${options.module} in this application (modules: ${runtime.modules.map((m) => m.name).join(', ')})`);
  const results: SweepResult[] = [];
  for (const m of modules) {
    for (const cls of m.sweepers) {
      const started = Date.now();
      const ctx = { actorType: 'SYSTEM' as const, ...(options.now ? { clock: () => options.now! } : {}) };
      try {
        const swept = await withFreshEmissionContext(ctx, () => runtime.resolve(cls as new (...a: any[]) => Sweeper).sweep(options.now));
        results.push({ module: m.name, sweeper: cls.name, count: Array.isArray(swept) ? swept.length : swept.count, durationMs: Date.now() - started });
      } catch (err) {
        results.push({ module: m.name, sweeper: cls.name, error: err as Error, durationMs: Date.now() - started });
      }
    }
  }
  return results;
}

/** Runs the sweepers every `intervalMs` (never two rounds at once) until stopped. */
export class SweepScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly runtime: EventRuntime,
    private readonly intervalMs: number,
    private readonly onResults: (results: SweepResult[]) => void = () => undefined,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer || !this.runtime.modules.some((m) => m.sweepers.length)) return;
    const tick = () => {
      this.running = runSweepers(this.runtime)
        .then(this.onResults, (err) => this.onResults([{ module: '*', sweeper: '*', error: err as Error, durationMs: 0 }]))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.intervalMs).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
