import { Command } from 'commander';
import { buildProgram } from '../../src/cli/main';

/** A command of the real `wfe` program: its words after `wfe` and the commander object. */
export interface CliCommand {
  path: string[];
  command: Command;
}

/** Every command and subcommand of `wfe`, depth first (`catalog`, `catalog list`, …). */
export function allCommands(program: Command = buildProgram()): CliCommand[] {
  const out: CliCommand[] = [];
  const visit = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      const p = [...path, sub.name()];
      out.push({ path: p, command: sub });
      visit(sub, p);
    }
  };
  visit(program, []);
  return out;
}

export const hasOption = (c: CliCommand, flag: string): boolean => c.command.options.some((o) => o.long === flag);
