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

/** Command groups, one file each; features add theirs here. */
const commandGroups: Array<(program: Command) => void> = [catalogCommands, serveCommand, streamCommands, catalogToolingCommands, simulateCommand, demoCommand];

export function buildProgram(): Command {
  const program = new Command('wfe')
    .description('workflow-events: catalogued, schema-validated domain events')
    .version(packageVersion(), '-V, --version', 'print the workflow-events version')
    .showHelpAfterError();
  for (const register of commandGroups) register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // `wfe catalog list --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    const e = err as Error;
    process.stderr.write(`wfe: ${e.message}\n`);
    if (!(e instanceof CliError) && process.env.WFE_DEBUG) process.stderr.write(`${e.stack}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  }
}
