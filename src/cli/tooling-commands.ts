import { Command } from 'commander';

/** `wfe simulate`, `wfe catalog export|check` (catalog tooling). */
export function toolingCommands(_program: Command): void {}
