import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/compile-fail/fixture-events.ts');

/** The fixture with only the `@case` blocks named kept (the others blanked line for line). */
function withCases(source: string, keep: string[]): string {
  let current: string | undefined;
  return source
    .split('\n')
    .map((line) => {
      const start = /\/\/ @case (\S+)/.exec(line);
      if (start) current = start[1];
      const out = current && !keep.includes(current) ? '' : line;
      if (/\/\/ @end/.test(line)) current = undefined;
      return out;
    })
    .join('\n');
}

let previous: ts.Program | undefined;

/** tsc's diagnostics for the fixture, compiled with the project's own compiler options. */
function diagnostics(source: string): string[] {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host = ts.createCompilerHost({ ...options, noEmit: true, incremental: false });
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === FIXTURE ? source : readFile(file));
  // The previous program's unchanged files (lib, the engine) are reused, not parsed again.
  const program = ts.createProgram([FIXTURE], { ...options, noEmit: true, incremental: false }, host, previous);
  previous = program;
  return [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(program.getSourceFile(FIXTURE))]
    .filter((d) => d.file && path.resolve(d.file.fileName) === FIXTURE)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('typed mappers: tsc refuses a mapper that does not fit its event', function () {
  this.timeout(120_000);
  const source = fs.readFileSync(FIXTURE, 'utf8');

  it('accepts a mapper that fills the payload exactly (pipeline fields left to the pipeline)', () => {
    expect(diagnostics(withCases(source, ['ok']))).to.deep.equal([]);
  });

  const refused: Array<[string, RegExp]> = [
    ['missing-required-field', /Property 'total' is missing/],
    ['unknown-key', /unknownPayloadKeys: "totl"/],
    ['wrong-type', /Type 'string' is not assignable to type 'number'/],
    ['misspelled-event-type', /"CF_ORDER_PLCED"' is not assignable to parameter of type/],
    ['method-returns-something-else', /Unable to resolve signature of method decorator/],
    ['array-of-payloads-with-unknown-key', /unknownPayloadKeys: "extra"/],
    ['handler-with-wrong-payload', /Unable to resolve signature of method decorator/],
  ];
  for (const [name, expected] of refused) {
    it(`refuses: ${name}`, () => {
      const errors = diagnostics(withCases(source, ['ok', name]));
      expect(errors.join('\n'), name).to.match(expected);
    });
  }
});
