import { Command } from 'commander';
import { DeadLetter } from '../../lib/bus/event-bus';
import { App, createApp } from '../app';
import { createBus } from '../bus-factory';
import { AppConfig, loadConfig } from '../config';
import { CliError, outputHelp, printJson, table } from './output';
import { onShutdown } from './shutdown';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`expected a non-negative integer, got "${v}"`);
  return n;
};

/** Relay, worker and dead letters only make sense across processes, i.e. on Redis. */
function redisConfig(command: string): AppConfig {
  const config = loadConfig();
  if (!config.redisUrl) {
    throw new CliError(`wfe ${command} needs REDIS_URL (the in-memory bus lives inside one process; \`wfe serve\` runs relay and worker together)`);
  }
  return config;
}

/** Runs until SIGTERM/SIGINT, then stops reading, settles what is in hand and exits 0. */
function runUntilSignalled(app: App, what: string, details: Record<string, unknown>): void {
  app.logger.info({ stream: app.config.stream, ...details }, `${what} running; SIGTERM or Ctrl-C to stop`);
  onShutdown(() => app.close());
}

/** `wfe relay`, `wfe worker`, `wfe dlq …` (Redis Streams operation). Any number of each may run at once. */
export function streamCommands(program: Command): void {
  program
    .command('relay')
    .description('publish committed outbox rows to the Redis stream (several relays may run: rows are locked, never sent twice)')
    .option('--batch-size <n>', 'rows per publish', int, 100)
    .option('--poll-interval <ms>', 'how often to look for committed rows', int, 1000)
    .option('--max-backoff <ms>', 'longest wait between retries while Redis is down', int, 5000)
    .option('--no-migrate', 'do not apply migrations on start')
    .addHelpText('after', outputHelp('Nothing on stdout: runs until SIGTERM/SIGINT, logging (JSON, pino) to stderr. Needs REDIS_URL.'))
    .action(async (opts: { batchSize: number; pollInterval: number; maxBackoff: number; migrate: boolean }) => {
      const app = await createApp(redisConfig('relay'), {
        migrate: opts.migrate,
        relay: { batchSize: opts.batchSize, pollIntervalMs: opts.pollInterval, maxBackoffMs: opts.maxBackoff },
      });
      app.runtime.startRelay();
      runUntilSignalled(app, 'outbox relay', { batchSize: opts.batchSize });
    });

  program
    .command('worker')
    .description('consume the Redis stream in a consumer group: validate, record in workflow_runtime_events, run handlers')
    .option('--consumer <name>', 'consumer name within the group (default host-pid-random)')
    .option('--batch-size <n>', 'entries per read', int, 50)
    .option('--concurrency <n>', 'events of different ordering keys handled at once (one key is always in stream order; 1 keeps the whole stream order within this worker)', int, 4)
    .option('--claim-idle <ms>', 'claim entries pending this long (failed, or their consumer died)', int, 30_000)
    .option('--max-deliveries <n>', 'deliveries before a failing entry is dead-lettered', int, 5)
    .option('--block <ms>', 'how long one read waits for new entries', int, 1000)
    .option('--no-migrate', 'do not apply migrations on start')
    .addHelpText('after', outputHelp('Nothing on stdout: runs until SIGTERM/SIGINT, logging (JSON, pino) to stderr. Needs REDIS_URL.'))
    .action(async (opts: { consumer?: string; batchSize: number; concurrency: number; claimIdle: number; maxDeliveries: number; block: number; migrate: boolean }) => {
      const app = await createApp(redisConfig('worker'), {
        migrate: opts.migrate,
        worker: { consumer: opts.consumer, batchSize: opts.batchSize, concurrency: opts.concurrency, claimIdleMs: opts.claimIdle, maxDeliveries: opts.maxDeliveries, blockMs: opts.block },
      });
      app.runtime.worker.start();
      runUntilSignalled(app, 'workflow worker', { group: app.config.group, claimIdleMs: opts.claimIdle, maxDeliveries: opts.maxDeliveries });
    });

  const dlq = program.command('dlq').description('dead letters of the Redis stream (`<stream>:dlq`): list, replay');

  dlq
    .command('list')
    .description('list dead letters with their reasons')
    .option('--json', 'print one JSON array: each dead letter with its original entry, reason and delivery count')
    .addHelpText('after', outputHelp('A table (id, original id, event type, code, deliveries, moved at, reason), then the count.\nWith --json: one JSON array. Needs REDIS_URL.'))
    .action(async (opts: { json?: boolean }) => {
      const bus = createBus(redisConfig('dlq list'));
      try {
        const letters = await bus.deadLetters();
        if (opts.json) return printJson(letters);
        process.stdout.write(deadLetterTable(letters) + `\n\n${letters.length} dead letter(s)\n`);
      } finally {
        await bus.close();
      }
    });

  dlq
    .command('replay [id]')
    .description('put a dead letter (or --all) back on the stream and remove it from the dead letters')
    .option('--all', 'replay every dead letter')
    .addHelpText('after', outputHelp('One line per replayed dead letter ("replayed <id> → <new stream id>"), then the count. Needs REDIS_URL.'))
    .action(async (id: string | undefined, opts: { all?: boolean }) => {
      if (!id === !opts.all) throw new CliError('give a dead-letter id or --all (see `wfe dlq list`)');
      const bus = createBus(redisConfig('dlq replay'));
      try {
        const ids = opts.all ? (await bus.deadLetters()).map((d) => d.id) : [id!];
        for (const dead of ids) process.stdout.write(`replayed ${dead} → ${await bus.replayDeadLetter(dead)}\n`);
        process.stdout.write(`${ids.length} dead letter(s) replayed\n`);
      } catch (err) {
        throw new CliError((err as Error).message);
      } finally {
        await bus.close();
      }
    });
}

function deadLetterTable(letters: DeadLetter[]): string {
  const rows = letters.map((d) => [
    d.id,
    d.originalId,
    d.fields.event_type ?? '',
    d.reason.code,
    String(d.deliveries),
    d.movedAt,
    d.reason.message.length > 80 ? `${d.reason.message.slice(0, 77)}…` : d.reason.message,
  ]);
  return table(rows, ['ID', 'ORIGINAL ID', 'EVENT TYPE', 'CODE', 'DELIVERIES', 'MOVED AT', 'REASON']);
}
