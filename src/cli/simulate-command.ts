import { Command } from 'commander';
import { isUuid } from '../../decorators';
import fs from 'node:fs';
import { v4 as uuidv4 } from 'uuid';
import { EventPayloadInvalidError, UnknownEventTypeError } from '../../lib/schema/errors';
import { IngestionWatch } from '../../lib/simulation/await-ingestion';
import { simulateAll } from '../../lib/simulation/simulate-all';
import { Simulator } from '../../lib/simulation/simulator';
import { App, createApp } from '../app';
import { loadConfig } from '../config';
import { CliError, outputHelp, printJson } from './output';

interface SimulateOpts {
  payload?: string;
  tenant?: string;
  schemaVersion?: string;
  all?: boolean;
  seed?: string;
  timeout: string;
  json?: boolean;
}

/** A numeric option as a whole number ≥ `min`, refused before anything is published. */
function checkInteger(flag: string, value: string | undefined, min: 0 | 1, unit = ''): void {
  if (value === undefined) return;
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    throw new CliError(`${flag} must be a ${min === 1 ? 'positive' : 'non-negative'} integer${unit}, got ${JSON.stringify(value)}`);
  }
}

function readPayload(source: string): Record<string, unknown> {
  const text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(source, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${source === '-' ? 'stdin' : source} is not JSON: ${(err as Error).message}`);
  }
}

/** Refusals a workflow author can act on, as CLI errors (field by field for a bad payload). */
function userError(err: unknown): unknown {
  if (err instanceof EventPayloadInvalidError) {
    return new CliError(
      `${err.eventType} payload refused (${err.schemaRef}); nothing was published:\n` +
        err.issues.map((i) => `  - ${i.field || '(payload)'} [${i.constraint}] ${i.message}`).join('\n'),
    );
  }
  if (err instanceof UnknownEventTypeError) return new CliError(`${err.message}. Run \`wfe catalog list\` to see the catalog.`);
  return err;
}

/** Runs `fn` with an app whose relay and worker are running, so simulated events go all the way. */
async function withRunningApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig());
  try {
    app.runtime.start();
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function simulateOne(eventType: string, opts: SimulateOpts): Promise<void> {
  await withRunningApp(async (app) => {
    const watch = new IngestionWatch(app.runtime);
    try {
      const { envelope, generated } = await new Simulator(app.runtime)
        .simulate(eventType.toUpperCase(), {
          payload: opts.payload ? readPayload(opts.payload) : undefined,
          tenantId: opts.tenant,
          version: opts.schemaVersion ? Number(opts.schemaVersion) : undefined,
          seed: opts.seed ? Number(opts.seed) : undefined,
        })
        .catch((err) => Promise.reject(userError(err)));
      const outcome = await watch.wait([envelope.id], Number(opts.timeout));
      const ingested = outcome.ingested.length === 1;
      const dead = outcome.deadLettered[0]?.reason;
      if (opts.json) printJson({ envelope, generated, ingested, ...(dead ? { deadLettered: dead } : {}) });
      else {
        process.stdout.write(
          [
            `simulated ${envelope.eventType} (${envelope.schemaRef}) as tenant ${envelope.tenantId}${generated ? ' with a generated sample' : ''}`,
            `  event id: ${envelope.id}`,
            `  payload:  ${JSON.stringify(envelope.payload)}`,
            ingested ? '  → published through the outbox and ingested by the worker' : dead ? `  → dead-lettered: ${dead.code} ${dead.message}` : `  → not ingested within ${opts.timeout} ms`,
          ].join('\n') + '\n',
        );
      }
      if (!ingested) process.exitCode = 1;
    } finally {
      watch.close();
    }
  });
}

async function simulateEverything(opts: SimulateOpts, tenantId: string): Promise<void> {
  await withRunningApp(async (app) => {
    const result = await simulateAll(app.runtime, {
      tenantId,
      timeoutMs: Number(opts.timeout),
      seed: opts.seed ? Number(opts.seed) : undefined,
      onProgress: opts.json
        ? undefined
        : (p) => {
            const n = `[${String(p.index).padStart(String(p.total).length)}/${p.total}]`;
            const outcome = p.error ? `FAILED ${p.error.message.split('\n')[0]}` : `staged ${p.envelope!.id}`;
            process.stdout.write(`${n} ${p.definition.type.padEnd(32)} ${p.definition.schemaRef.padEnd(40)} ${outcome}\n`);
          },
    });
    if (opts.json) printJson(result);
    else {
      for (const f of result.failed) process.stdout.write(`  ✗ ${f.schemaRef}${f.eventId ? ` ${f.eventId}` : ''}: ${f.reason}\n`);
      process.stdout.write(`simulated ${result.simulated}, ingested by the worker ${result.ingested}, failed ${result.failed.length} (tenant ${tenantId})\n`);
    }
    if (result.failed.length) process.exitCode = 1;
  });
}

/** `wfe simulate <TYPE>|--all`: events through the outbox like business actions. */
export function simulateCommand(program: Command): void {
  program
    .command('simulate [eventType]')
    .description('publish an event through the outbox like a business action: a generated sample, or --payload')
    .option('--payload <file>', 'JSON payload file, or - for stdin (default: a sample generated from the schema)')
    .option('--tenant <uuid>', 'tenant to publish as (default: a new UUID)')
    .option('--schema-version <n>', 'schema version (default: the latest)')
    .option('--all', 'simulate every catalogued event, every schema version, catalog-only included')
    .option('--seed <n>', 'reproducible samples: the same seed gives the same payload, dates included')
    .option('--timeout <ms>', 'how long to wait for the worker', '10000')
    .option('--json', 'print one JSON object: the envelope, whether it was generated and ingested (with --all: the summary)')
    .addHelpText(
      'after',
      outputHelp(
        'One event: its type, ref, tenant, event id, payload and whether the worker ingested it (or why not).\n' +
          '--all: a progress line per schema ref, then "simulated N, ingested by the worker N, failed N".\n' +
          '--json: exactly one JSON document on stdout. Logs go to stderr. Exit 1 when the payload is refused\n' +
          '(field by field on stderr, nothing published) or an event was not ingested.',
      ),
    )
    .action(async (eventType: string | undefined, opts: SimulateOpts) => {
      if (!eventType === !opts.all) throw new CliError('give an event type or --all (see `wfe catalog list`)');
      if (opts.tenant && !isUuid(opts.tenant)) throw new CliError(`--tenant must be a UUID, got ${opts.tenant}`);
      checkInteger('--schema-version', opts.schemaVersion, 1);
      checkInteger('--seed', opts.seed, 0);
      checkInteger('--timeout', opts.timeout, 0, ' (milliseconds)');
      if (opts.all && opts.payload) throw new CliError('--payload applies to one event type, not --all');
      if (opts.all) await simulateEverything(opts, opts.tenant ?? uuidv4());
      else await simulateOne(eventType!, opts);
    });
}

