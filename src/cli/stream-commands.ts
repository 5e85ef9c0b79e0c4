import { Command } from 'commander';

/** `wfe relay`, `wfe worker`, `wfe dlq …` (Redis Streams operation). */
export function streamCommands(_program: Command): void {}
