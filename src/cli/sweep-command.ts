import { Command } from 'commander';
import { runSweepers } from '../../lib/modules/sweep-runner';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { CliError, outputHelp, printJson, table } from './output';

/** `wfe sweep [module]`: the time-based events (overdue, expiring, reminders, breaches) due now, once. */
export function sweepCommand(program: Command): void {
  program
    .command('sweep [module]')
    .description('run the sweepers (time-based events: overdue, expiring, reminders, SLA breaches) of every module, or of one, once; prints what each emitted for')
    .option('--at <iso>', 'sweep as of this time instead of now (ISO 8601)')
    .option('--json', 'print one JSON array: per sweeper its module, name, how many it emitted for, time taken and any error')
    .addHelpText(
      'after',
      outputHelp('A table (module, sweeper, emitted for, took), or "no sweepers in this application". With --json: one JSON\narray. Exit 1 when a sweeper failed.'),
    )
    .action(async (module: string | undefined, opts: { at?: string; json?: boolean }) => {
      const now = opts.at ? new Date(opts.at) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new CliError(`--at must be an ISO 8601 time, got "${opts.at}"`);
      const app = await createApp(loadConfig());
      try {
        app.runtime.start();
        const results = await runSweepers(app.runtime, { module, now }).catch((err) => {
          throw new CliError((err as Error).message);
        });
        if (opts.json) printJson(results.map((r) => ({ ...r, error: r.error?.message })));
        else {
          const rows = results.map((r) => [r.module, r.sweeper, r.error ? `FAILED: ${r.error.message}` : String(r.count ?? 0), `${r.durationMs} ms`]);
          process.stdout.write(rows.length ? table(rows, ['MODULE', 'SWEEPER', 'EMITTED FOR', 'TOOK']) + '\n' : 'no sweepers in this application\n');
        }
        if (results.some((r) => r.error)) process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
