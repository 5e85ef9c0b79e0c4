import 'reflect-metadata';
import { Command } from 'commander';
import { catalogCommands } from './catalog-commands';
import { demoCommand } from './demo-command';
import { CliError } from './output';
import { packageVersion } from './package-info';
import { serveCommand } from './serve-command';
import { streamCommands } from './stream-commands';
import { catalogToolingCommands } from './catalog-tooling-commands';
import { simulateCommand } from './simulate-command';
import { sweepCommand } from './sweep-command';
import { loadAppModules } from '../app-modules';
import { createApp } from '../app';
import { loadConfig } from '../config';

/** Command groups, one file each; features add theirs here. */
const commandGroups: Array<(program: Command) => void> = [catalogCommands, serveCommand, streamCommands, catalogToolingCommands, simulateCommand, sweepCommand, demoCommand];

/** `--config <file>` names the modules (see app-modules.ts); read before parsing, since modules add commands. */
function applyConfigOption(argv: string[]): void {
  const i = argv.findIndex((a) => a === '--config' || a.startsWith('--config='));
  if (i < 0) return;
  const value = argv[i].includes('=') ? argv[i].slice('--config='.length) : argv[i + 1];
  if (value) process.env.WFE_CONFIG = value;
}

export function buildProgram(): Command {
  const program = new Command('wfe')
    .description('workflow-events: catalogued, schema-validated domain events')
    .version(packageVersion(), '-V, --version', 'print the workflow-events version')
    .option('--config <file>', 'wfe.config.js naming the modules to run (default ./wfe.config.js if present, else every MSP module)')
    .showHelpAfterError();
  for (const register of commandGroups) register(program);
  // Commands the application's modules bring (e.g. `wfe email ingest <file>`).
  const open = async () => {
    const app = await createApp(loadConfig());
    return { runtime: app.runtime, close: () => app.close() };
  };
  for (const m of loadAppModules()) m.commands?.(program, open);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `wfe catalog list --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    applyConfigOption(argv);
    await buildProgram().parseAsync(argv);
  } catch (err) {
    const e = err as Error;
    process.stderr.write(`wfe: ${e.message}\n`);
    if (!(e instanceof CliError) && process.env.WFE_DEBUG) process.stderr.write(`${e.stack}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  }
}
