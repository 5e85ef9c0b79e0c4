import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, wfeAsync } from '../cli/run-cli';

const DOC = fs.readFileSync(path.join(REPO, 'docs/catalog-tooling.md'), 'utf8');

/** The fenced block of `lang` whose first line satisfies `first`, and the block right after it. */
function block(lang: string, first: (line: string) => boolean): { code: string; next: string } {
  const fences = [...DOC.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  const i = fences.findIndex((m) => m[1] === lang && first(m[2].split('\n')[0]));
  if (i < 0) throw new Error(`docs/catalog-tooling.md has no ${lang} block like that`);
  return { code: fences[i][2], next: fences[i + 1]?.[2] ?? '' };
}

function node(dir: string, file: string) {
  return spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') } });
}

describe('tooling: docs/catalog-tooling.md works as written', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-docs-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the ajv + ajv-formats example validates against the exported schemas and prints what the doc shows', async () => {
    const exported = await wfeAsync(['catalog', 'export', '--format', 'json-schema', '--out', path.join(dir, 'schemas.json')]);
    expect(exported.status, exported.stderr).to.equal(0);
    const { code, next } = block('js', (l) => l.startsWith('// validate.js'));
    fs.writeFileSync(path.join(dir, 'validate.js'), code);
    const run = node(dir, 'validate.js');
    expect(run.status, run.stderr).to.equal(0);
    const shown = next.split('\n').filter((l) => l && !l.startsWith('$ '));
    expect(run.stdout.trimEnd().split('\n')).to.deep.equal(shown);
  });

  it('…and without ajv-formats a plain Ajv refuses the schemas, as the doc says', () => {
    const { code } = block('js', (l) => l.startsWith('// validate.js'));
    expect(code).to.include('addFormats(ajv);');
    fs.writeFileSync(path.join(dir, 'no-formats.js'), code.replace(/^addFormats\(ajv\);.*$/m, ''));
    const run = node(dir, 'no-formats.js');
    expect(run.status).to.not.equal(0);
    const refused = /unknown format "[\w-]+" ignored in schema/.exec(run.stderr);
    expect(refused, run.stderr).to.not.equal(null);
    expect(DOC).to.include(refused![0]);
  });

  it('the `catalog show` sample is what the command prints', async () => {
    const { next } = block('bash', (l) => l.trim() === 'npx wfe catalog show INVOICE_FINALIZED');
    const run = await wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED']);
    const printed = run.stdout.split('\n');
    for (const line of next.split('\n').filter((l) => l && l !== '…')) expect(printed, line).to.include(line);
  });
});
