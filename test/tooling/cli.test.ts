import { Parser } from '@asyncapi/parser';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { CatalogLock, writeLock } from '../../lib/catalog/lock-file';
import { TenantCatalogStore } from '../../lib/catalog/tenant-catalog';
import { createDatabase } from '../../lib/uow/database';
import { forEachDatabase } from '../support/databases';

const WFE = path.resolve(__dirname, '../../../bin/wfe.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function wfe(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [WFE, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** What the CLI process registers (this process may also hold other suites' fixture events). */
async function cliLock(dir: string): Promise<CatalogLock> {
  const file = path.join(dir, 'base.json');
  const run = await wfe(['catalog', 'check', '--update', '--lock', file], {});
  expect(run.code, run.stderr).to.equal(0);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Each test runs several `wfe` processes in turn: seconds apiece on a loaded machine. */
const CLI_TIMEOUT = 120_000;

describe('tooling: wfe catalog export | check', function () {
  this.timeout(CLI_TIMEOUT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-cli-'));
  const env = { WFE_SQLITE_FILE: path.join(dir, 'wfe.sqlite') };
  let base: CatalogLock;
  const lockFile = (name: string, edit: (lock: CatalogLock) => void = () => undefined) => {
    const lock: CatalogLock = JSON.parse(JSON.stringify(base));
    edit(lock);
    const file = path.join(dir, name);
    writeLock(file, lock);
    return file;
  };
  before(async () => {
    base = await cliLock(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the CLI sees every domain ref, and only those', () => {
    expect(Object.keys(base.refs)).to.include.members(['payload.InvoiceFinalized.v1', 'payload.InvoiceGenerated.v1', 'payload.TicketCreated.v1']);
    expect(Object.keys(base.refs).filter((r) => r.startsWith('payload.TestOrder'))).to.deep.equal([]);
  });

  it('check passes on an up-to-date lock and reports new refs as added', async () => {
    expect((await wfe(['catalog', 'check', '--lock', lockFile('same.json')], env)).code).to.equal(0);
    const file = lockFile('older.json', (l) => delete l.refs['payload.InvoiceGenerated.v1']);
    const run = await wfe(['catalog', 'check', '--lock', file], env);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include('+ payload.InvoiceGenerated.v1  added');
  });

  it('check fails, naming ref and reason, when an existing ref changed incompatibly; --update needs --allow-breaking', async () => {
    const file = lockFile('broken.json', (l) => {
      l.refs['payload.InvoiceFinalized.v1'].schema.properties.poNumber = { type: 'string' };
      l.refs['payload.InvoiceFinalized.v1'].fingerprint = 'sha256:stale';
    });
    const run = await wfe(['catalog', 'check', '--lock', file], env);
    expect(run.code).to.equal(1);
    expect(run.stdout).to.include('✗ payload.InvoiceFinalized.v1  FIELD_REMOVED: field "poNumber" removed');
    expect(run.stderr).to.include('new version');
    expect((await wfe(['catalog', 'check', '--lock', file, '--update'], env)).code).to.equal(1);
    expect((await wfe(['catalog', 'check', '--lock', file, '--update', '--allow-breaking'], env)).code).to.equal(0);
    expect((await wfe(['catalog', 'check', '--lock', file], env)).code).to.equal(0);
  });

  it('check without a lock fails and points at --update', async () => {
    const run = await wfe(['catalog', 'check', '--lock', path.join(dir, 'missing.json')], env);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('--update');
  });

  it('export --format asyncapi|json-schema|catalog', async () => {
    const out = path.join(dir, 'asyncapi.json');
    expect((await wfe(['catalog', 'export', '--format', 'asyncapi', '--out', out], env)).code).to.equal(0);
    const { diagnostics } = await new Parser().parse(fs.readFileSync(out, 'utf8'));
    expect(diagnostics.filter((d) => d.severity === 0)).to.deep.equal([]);
    const schemas = JSON.parse((await wfe(['catalog', 'export', '--format', 'json-schema'], env)).stdout);
    expect(schemas.map((s: { $id: string }) => s.$id)).to.deep.equal(Object.keys(base.refs));
    const rows = JSON.parse((await wfe(['catalog', 'export', '--format', 'catalog'], env)).stdout);
    expect(rows.map((r: { event_type: string }) => r.event_type)).to.include('INVOICE_FINALIZED');
    expect((await wfe(['catalog', 'export', '--format', 'yaml'], env)).code).to.not.equal(0);
  });
});

forEachDatabase('tooling: wfe simulate and catalog list --tenant', (target) => {
  beforeEach(function () {
    this.currentTest?.timeout(CLI_TIMEOUT);
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-cli-'));
  const dbSchema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
  const env = target.url ? { DATABASE_URL: target.url, WFE_DB_SCHEMA: dbSchema } : { DATABASE_URL: '', WFE_SQLITE_FILE: path.join(dir, 'wfe.sqlite') };
  after(async () => {
    if (dbSchema) {
      const db = createDatabase({ url: target.url });
      await db.raw(`DROP SCHEMA IF EXISTS "${dbSchema}" CASCADE`);
      await db.destroy();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('simulate <TYPE> publishes a generated sample that the worker ingests', async () => {
    const tenant = uuidv4();
    const run = await wfe(['simulate', 'INVOICE_FINALIZED', '--tenant', tenant, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const out = JSON.parse(run.stdout);
    expect(out).to.deep.include({ generated: true, ingested: true });
    expect(out.envelope).to.include({ eventType: 'INVOICE_FINALIZED', tenantId: tenant, schemaRef: 'payload.InvoiceFinalized.v1' });
  });

  it('simulate --payload - refuses a bad payload with its field errors', async () => {
    const run = await wfe(['simulate', 'INVOICE_FINALIZED', '--payload', '-'], env, JSON.stringify({ invoiceId: 'nope', totalAmount: 1.5 }));
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('nothing was published');
    expect(run.stderr).to.match(/- invoiceId \[isUuid\]/);
    expect(run.stderr).to.match(/- totalAmount \[/);
    const good = await wfe(['simulate', 'INVOICE_GENERATED', '--payload', '-'], env, JSON.stringify({ invoiceId: uuidv4() }));
    expect(good.code, good.stderr).to.equal(0);
    expect(good.stdout).to.include('ingested by the worker');
  });

  it('simulate --all shows progress and a one-line summary', async () => {
    const run = await wfe(['simulate', '--all'], env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const lines = run.stdout.trim().split('\n');
    const total = Object.keys((await cliLock(dir)).refs).length;
    expect(lines.filter((l) => /^\[\s*\d+\/\d+\]/.test(l))).to.have.length(total);
    expect(lines[lines.length - 1]).to.match(new RegExp(`^simulated ${total}, ingested by the worker ${total}, failed 0 \\(tenant [0-9a-f-]{36}\\)$`));
  });

  it('catalog list --tenant lists the tenant’s own events beside the system ones', async () => {
    const tenant = uuidv4();
    const db = createDatabase(target.url ? { url: target.url, schema: dbSchema } : { filename: env.WFE_SQLITE_FILE });
    try {
      await new TenantCatalogStore(db).define(tenant, { eventType: 'CONTRACT_RENEWAL_DUE', name: 'Contract Renewal Due', description: 'd', category: 'Contracts' });
    } finally {
      await db.destroy();
    }
    const run = await wfe(['catalog', 'list', '--tenant', tenant], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/CONTRACT_RENEWAL_DUE\s+Contracts\s+emitted\s+tenant\.ContractRenewalDue\.v1/);
    expect(run.stdout).to.include('+ 1 tenant event(s)');
    const json = JSON.parse((await wfe(['catalog', 'list', '--tenant', tenant, '--json'], env)).stdout);
    expect(json[json.length - 1]).to.include({ eventType: 'CONTRACT_RENEWAL_DUE', tenant });
  });
});
