/** Plain-text table for terminal output (no colours, so it survives pipes and CI logs). */
export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every `--json` output: exactly one JSON document on stdout (logs go to stderr). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** A typed, user-facing failure: printed without a stack trace, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The `Output:` section of a command's `--help`: what it prints and where, so a user (or a script)
 * knows before running it. Every command has one (test/cli/help.test.ts).
 */
export function outputHelp(text: string): string {
  return `\nOutput:\n${text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;
}
