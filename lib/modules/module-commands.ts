import type { Command } from 'commander';
import type { EventRuntime } from '../runtime/event-runtime';

/** An application opened for one command: its runtime (migrated), closed by `close()`. */
export interface CommandApp {
  runtime: EventRuntime;
  close(): Promise<void>;
}

/** Adds a module's commands to `wfe`; `open()` builds the application the user configured. */
export type ModuleCommands = (program: Command, open: () => Promise<CommandApp>) => void;
