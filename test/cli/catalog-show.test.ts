import { expect } from 'chai';
import path from 'node:path';
import { allModules } from '../../domains';
import { summarizeFields } from '../../lib/catalog/field-summary';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { commonFields, eventView } from '../../src/cli/event-view';
import { ordersModule } from '../fixtures/orders';
import { everyFieldDefinition, everyFieldRegistry } from '../tooling/support/every-field';
import { wfeAsync } from './run-cli';

/** The MSP modules plus the engine fixture whose TEST_ORDER_SHIPPED has two versions. */
const WITH_ORDERS = { WFE_CONFIG: path.join(__dirname, 'support/orders.config.js') };

const SCREEN = 60;
const UUID_PATTERN_PIECE = '[0-9a-fA-F]{8}';

describe('wfe catalog show: one screen per event', function () {
  this.timeout(120_000);
  const modules = [...allModules, ordersModule];
  const registry = registryFor(modules);
  const entries = catalogFor(modules);
  const common = commonFields(entries);

  it('the view of every event, every version, fits 60 lines of at most 120 columns', () => {
    const sizes: string[] = [];
    for (const entry of entries) {
      for (const ref of entry.versions) {
        const view = eventView(entry, ref, summarizeFields(registry.jsonSchema(ref)!), common);
        const lines = view.trimEnd().split('\n');
        sizes.push(`${ref}: ${lines.length}`);
        // One screen, unless the event has more fields than a screen holds: then one line per field.
        expect(lines.length, ref).to.be.at.most(Math.max(SCREEN, summarizeFields(registry.jsonSchema(ref)!).length + 20));
        expect(Math.max(...lines.map((l) => l.length)), ref).to.be.at.most(120);
        expect(view, ref).to.not.include(UUID_PATTERN_PIECE);
        // Every field of the schema is in the table, once.
        for (const f of summarizeFields(registry.jsonSchema(ref)!)) expect(view.match(new RegExp(`^${f.path.replace(/[.[\]]/g, '\\$&')} `, 'gm')), `${ref} ${f.path}`).to.have.length(1);
      }
    }
    expect(sizes).to.have.length(registry.all().length);
  });

  it('the fields every event carries are the base ones, listed after the event’s own', () => {
    expect([...common].sort()).to.deep.equal(['actorContactId', 'actorType', 'actorUserId', 'occurredAt', 'tenantId']);
    const entry = entries.find((e) => e.eventType === 'TICKET_ASSIGNED')!;
    const fieldLines = eventView(entry, entry.payloadSchemaRef, summarizeFields(entry.payloadSchema), common)
      .split('\n')
      .filter((l) => /^[a-z]\w* {2,}/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    expect(fieldLines.slice(-5)).to.have.members([...common]);
    expect(fieldLines[0]).to.not.be.oneOf([...common]);
  });

  it('field types: formats, ≥ 0 counts, short enums listed, long enums named, arrays, maps, nested DTO paths', () => {
    const types = (type: string) => Object.fromEntries(summarizeFields(registry.jsonSchema(registry.resolve(type).schemaRef)!).map((f) => [f.path, f.type]));
    const every = Object.fromEntries(summarizeFields(everyFieldRegistry().jsonSchema(everyFieldDefinition.schemaRef)!).map((f) => [f.path, f.type]));
    expect(every).to.include({
      uuid: 'uuid',
      dateTime: 'date-time',
      date: 'date',
      email: 'email',
      currency: 'ISO 4217 currency code',
      count: 'integer ≥ 0',
      amount: 'integer',
      ratio: 'number',
      flag: 'boolean',
      level: "'low' | 'high'",
      uuids: 'uuid[]',
      emails: 'email[]',
      anything: 'any JSON',
      object: 'object',
      from: 'object',
      'from.email': 'email',
      'cc[].email': 'email',
    });
    expect(every.cc).to.equal('object[] (at least 1)');
    expect(types('INVOICE_FINALIZED')).to.include({ invoiceId: 'uuid', totalAmount: 'integer', status: 'string', actorType: "'USER' | 'CONTACT' | 'SYSTEM'" });
    expect(types('TICKET_SPLIT')).to.include({ newTicketIds: 'uuid[]' });
    expect(types('TICKET_SLA_STAGE_BREACHED')).to.include({ overdueBySeconds: 'integer ≥ 0' });
    expect(types('TICKET_UPDATED')).to.include({ updatedFields: 'string[]', changes: 'map: key → { previous, new }' });
    expect(types('TICKET_COMMENT_UPDATED')).to.include({ comment: 'object', 'comment.author': 'string', 'oldComment.id': 'uuid', changes: 'any JSON' });
  });

  it('INVOICE_FINALIZED: name, category, status, versions with the current one marked, emitters, field table', async () => {
    const run = await wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED']);
    expect(run.status, run.stderr).to.equal(0);
    const out = run.stdout;
    expect(out.split('\n').length).to.be.at.most(SCREEN);
    expect(out).to.match(/^INVOICE_FINALIZED — Invoice Finalized\n/);
    expect(out).to.match(/category: +Billing \(module billing\)/);
    expect(out).to.match(/status: +emitted/);
    expect(out).to.include('versions:  payload.InvoiceFinalized.v1 (current)');
    expect(out).to.match(/emitters: +InvoiceService\.finalize/);
    expect(out).to.match(/FIELD +TYPE +REQUIRED +DESCRIPTION/);
    expect(out).to.match(/\ninvoiceId +uuid +yes +The invoice/);
    expect(out).to.match(/\nstatus +string +no +Invoice status after the action [^\n]*(\n {20,}[^\n]*)?e\.g\. "finalized"/);
    expect(out).to.include('--schema');
  });

  it('--schema prints the full JSON Schema; --schema-version an older one; --json everything, fields included', async () => {
    const [schema, v1, v2, json, v1Schema, v1Json] = await Promise.all([
      wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED', '--schema']),
      wfeAsync(['catalog', 'show', 'TEST_ORDER_SHIPPED', '--schema-version', '1'], WITH_ORDERS),
      wfeAsync(['catalog', 'show', 'TEST_ORDER_SHIPPED'], WITH_ORDERS),
      wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED', '--json']),
      wfeAsync(['catalog', 'show', 'TEST_ORDER_SHIPPED', '--schema', '--schema-version', '1'], WITH_ORDERS),
      wfeAsync(['catalog', 'show', 'TEST_ORDER_SHIPPED', '--schema-version', '1', '--json'], WITH_ORDERS),
    ]);
    expect(JSON.parse(schema.stdout)).to.deep.equal(registry.jsonSchema('payload.InvoiceFinalized.v1'));
    expect(JSON.parse(schema.stdout).definitions.uuid.pattern).to.include(UUID_PATTERN_PIECE);
    expect(JSON.parse(v1Schema.stdout)).to.deep.equal(registry.jsonSchema('payload.TestOrderShipped.v1'));
    expect(v2.stdout).to.include('versions:  payload.TestOrderShipped.v1, payload.TestOrderShipped.v2 (current)');
    expect(v2.stdout).to.match(/\ntrackingNumber +string +yes/);
    expect(v1.stdout).to.include('Fields of payload.TestOrderShipped.v1 (not the current version):');
    expect(v1.stdout).to.not.match(/\ntrackingNumber /);
    const doc = JSON.parse(json.stdout);
    expect(doc).to.include({ eventType: 'INVOICE_FINALIZED', payloadSchemaRef: 'payload.InvoiceFinalized.v1', status: 'emitted' });
    expect(doc.payloadSchema).to.deep.equal(registry.jsonSchema('payload.InvoiceFinalized.v1'));
    expect(doc.fields).to.deep.include({ path: 'status', type: 'string', required: false, description: 'Invoice status after the action (draft, finalized, …)', examples: ['finalized'] });
    const older = JSON.parse(v1Json.stdout);
    expect(older.payloadSchemaRef).to.equal('payload.TestOrderShipped.v2');
    expect(older.shown.schemaRef).to.equal('payload.TestOrderShipped.v1');
    expect(older.shown.fields.map((f: { path: string }) => f.path)).to.not.include('trackingNumber');
  });

  it('an unknown type or version exits 1 naming it', async () => {
    const [type, version, notANumber] = await Promise.all([
      wfeAsync(['catalog', 'show', 'NOT_AN_EVENT']),
      wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED', '--schema-version', '3']),
      wfeAsync(['catalog', 'show', 'INVOICE_FINALIZED', '--schema-version', 'two']),
    ]);
    expect(type.status).to.equal(1);
    expect(type.stderr).to.include('Unknown event type NOT_AN_EVENT');
    expect(version.status).to.equal(1);
    expect(version.stderr).to.include('INVOICE_FINALIZED has no version 3; registered: payload.InvoiceFinalized.v1');
    expect(notANumber.status).to.equal(1);
    expect(notANumber.stderr).to.include('expected a schema version');
  });
});
