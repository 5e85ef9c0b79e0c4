import { expect } from 'chai';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { postgresReachable, testPostgresUrl } from '../../lib/testing/environment';

const ROOT = path.resolve(__dirname, '../../..');
const PROJECT_FILES = path.join(ROOT, 'test/adoption/project');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * The packed package as another project uses it: `npm pack`, the tarball unpacked into a fresh
 * project's node_modules, beside the third-party packages it declares (linked from this checkout's
 * install, so the test needs no network). The project compiles under `strict` against the public
 * entry points only, runs its own module's tests with the test kit, and serves its own catalog.
 */
describe('adoption: the packed package in a separate TypeScript project', function () {
  this.timeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-adopter-'));
  const modules = path.join(dir, 'node_modules');

  before(() => {
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    fs.mkdirSync(path.join(modules, 'workflow-events'), { recursive: true });
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', path.join(modules, 'workflow-events'), '--strip-components=1']);
    // The adopter's own dependencies (peers included), each once, as npm would hoist them.
    for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (entry === '.bin' || entry === '.package-lock.json' || entry === 'workflow-events') continue;
      fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
    }
    for (const f of fs.readdirSync(PROJECT_FILES)) fs.copyFileSync(path.join(PROJECT_FILES, f), path.join(dir, f.replace(/\.txt$/, '')));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'adopter', private: true, allowScripts: { 'better-sqlite3': true } }));
  });
  after(() => process.env.WFE_KEEP_ADOPTER || fs.rmSync(dir, { recursive: true, force: true }));

  it('holds what users run: no tests, no sources maps, no CI files', () => {
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: path.join(modules, 'workflow-events'), encoding: 'utf8' }).split('\n');
    expect(files.filter((f) => /\/(test|bench|\.ci)\/|\.tsbuildinfo|\.map$/.test(f))).to.deep.equal([]);
    for (const entry of ['dist/lib/index.d.ts', 'dist/lib/testing/index.d.ts', 'dist/domains/index.d.ts', 'dist/src/index.d.ts', 'bin/wfe.js']) {
      expect(files, entry).to.include(`./${entry}`);
    }
  });

  it('every package the compiled code requires is a declared dependency or peer dependency', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const missing = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.js')) {
          for (const [, spec] of fs.readFileSync(p, 'utf8').matchAll(/require\("([^"./][^"]*)"\)/g)) {
            const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            if (!builtinModules.includes(name) && !name.startsWith('node:') && !declared.has(name)) missing.add(`${name} (${path.relative(modules, p)})`);
          }
        }
      }
    };
    walk(path.join(modules, 'workflow-events/dist'));
    expect([...missing]).to.deep.equal([]);
  });

  for (const resolution of ['node16', 'node10'] as const) {
    it(`compiles under strict with moduleResolution ${resolution}, public entry points only`, () => {
      const options: ts.CompilerOptions = {
        strict: true,
        target: ts.ScriptTarget.ES2022,
        module: resolution === 'node16' ? ts.ModuleKind.Node16 : ts.ModuleKind.CommonJS,
        moduleResolution: resolution === 'node16' ? ts.ModuleResolutionKind.Node16 : ts.ModuleResolutionKind.Node10,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        esModuleInterop: true,
        // The declarations themselves are checked once (node16); the second pass checks resolution only.
        skipLibCheck: resolution === 'node10',
        types: ['node', 'mocha'],
        typeRoots: [path.join(modules, '@types')],
        outDir: path.join(dir, 'dist'),
        rootDir: dir,
      };
      const program = ts.createProgram([path.join(dir, 'subscriptions.ts'), path.join(dir, 'subscriptions.test.ts')], options);
      const emitted = program.emit();
      const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => {
        const where = d.file ? `${path.relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
        return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
      });
      expect(problems).to.deep.equal([]);
    });
  }

  it("runs the adopter's tests with the test kit on SQLite and PostgreSQL", async () => {
    const pg = (await postgresReachable()) ? testPostgresUrl() : undefined;
    const mocha = path.join(modules, 'mocha/bin/mocha.js');
    const run = spawnSync(process.execPath, [mocha, '--exit', '--timeout', '30000', 'dist/subscriptions.test.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ADOPTER_PG_URL: pg ?? '' } });
    const out = run.stdout + run.stderr;
    expect(run.status, out).to.equal(0);
    expect(out).to.match(pg ? /4 passing/ : /2 passing/);
  });

  it('wfe catalog list and wfe serve show the adopter\'s catalog, none of the built-in events', async () => {
    const wfe = path.join(modules, 'workflow-events/bin/wfe.js');
    const env = { ...process.env, WFE_SQLITE_FILE: path.join(dir, 'data/wfe.sqlite'), WFE_SECRET_KEY: 'a'.repeat(64), WFE_BLOB_DIR: path.join(dir, 'data/blobs') };
    const listed = JSON.parse(execFileSync(process.execPath, [wfe, 'catalog', 'list', '--json'], { cwd: dir, encoding: 'utf8', env }));
    expect(listed.map((e: { eventType: string }) => e.eventType)).to.deep.equal(['SUBSCRIPTION_STARTED']);

    const serve = spawn(process.execPath, [wfe, 'serve', '--port', '0'], { cwd: dir, env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      serve.stdout.on('data', (d) => (output += d));
      serve.stderr.on('data', (d) => (output += d));
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`wfe serve did not start:\n${output}`)), 30_000);
        const poll = setInterval(() => {
          const m = /listening:\s+(http:\/\/\S+)/.exec(output);
          if (m) (clearInterval(poll), clearTimeout(timer), resolve(m[1]));
        }, 50);
      });
      const catalog = (await (await fetch(`${address}/catalog`)).json()) as { events: Array<{ event_type: string }> };
      expect(catalog.events.map((e) => e.event_type)).to.deep.equal(['SUBSCRIPTION_STARTED']);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
    }
  });
});
