import { expect } from 'chai';
import { STATUS_LEGEND } from '../../src/summary';
import { serve, tempSqlite, wfe } from './run-cli';

describe('wfe CLI: catalog and serve', function () {
  this.timeout(90_000);

  it('catalog list --json gives every event with its ref, JSON Schema and emitters', () => {
    const res = wfe(['catalog', 'list', '--json']);
    expect(res.status, res.stderr).to.equal(0);
    const events = JSON.parse(res.stdout) as Array<Record<string, any>>;
    const finalized = events.find((e) => e.eventType === 'INVOICE_FINALIZED')!;
    expect(finalized).to.include({ category: 'Billing', status: 'emitted', payloadSchemaRef: 'payload.InvoiceFinalized.v1' });
    expect(finalized.emitters).to.deep.equal(['InvoiceService.finalize']);
    expect(finalized.payloadSchema.$id).to.equal('payload.InvoiceFinalized.v1');
    for (const e of events) {
      expect(Object.keys(e)).to.include.members(['eventType', 'category', 'name', 'description', 'status', 'payloadSchemaRef', 'payloadSchema', 'emitters']);
      expect(e.payloadSchema.required).to.include.members(['tenantId', 'occurredAt']);
    }
  });

  it('catalog show names an unknown type clearly and exits non-zero', () => {
    const ok = wfe(['catalog', 'show', 'invoice_generated', '--json']);
    expect(ok.status).to.equal(0);
    expect(JSON.parse(ok.stdout).eventType).to.equal('INVOICE_GENERATED');
    const bad = wfe(['catalog', 'show', 'NOT_AN_EVENT']);
    expect(bad.status).to.equal(1);
    expect(bad.stderr).to.contain('Unknown event type NOT_AN_EVENT');
  });

  it('catalog sync upserts, and a second run reports 0 changes', () => {
    const env = { WFE_SQLITE_FILE: tempSqlite() };
    const first = wfe(['catalog', 'sync'], env);
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/catalog sync: [1-9]\d* change\(s\)/);
    const second = wfe(['catalog', 'sync'], env);
    expect(second.stdout).to.match(/catalog sync: 0 change\(s\) — 0 inserted, 0 updated, \d+ unchanged/);
  });

  it('demo runs real business actions and the worker records every committed event', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite() });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    expect(res.stdout).to.contain('TICKET_CREATED').and.contain('INVOICE_FINALIZED');
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(Number(committed)).to.be.greaterThan(10);
    expect(recorded).to.equal(committed);
  });

  it('serve prints its summary, serves the catalog and health, and stops cleanly on SIGTERM', async () => {
    const server = await serve({ WFE_SQLITE_FILE: tempSqlite(), PORT: '0' });
    try {
      expect(server.output()).to.contain('CATEGORY').and.contain('Billing').and.contain('Tickets').and.contain(STATUS_LEGEND);
      const catalog = (await (await fetch(`${server.url}/catalog`)).json()) as { events: Array<Record<string, unknown>> };
      expect(catalog.events.map((e) => e.event_type)).to.include('TICKET_ASSIGNED');
      const one = await fetch(`${server.url}/catalog/TICKET_ASSIGNED`);
      expect(one.status).to.equal(200);
      expect(((await one.json()) as any).payload_schema_ref).to.equal('payload.TicketAssigned.v1');
      expect((await fetch(`${server.url}/catalog/NOPE`)).status).to.equal(404);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, unknown>;
      expect(health).to.include({ status: 'ok', bus: 'memory' });
    } finally {
      expect(await server.stop()).to.equal(0);
    }
  });
});
