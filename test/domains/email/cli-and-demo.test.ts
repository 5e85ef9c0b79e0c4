import { expect } from 'chai';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { v4 as uuidv4 } from 'uuid';
import { ClientService, ContactService } from '../../../domains/crm';
import { EmailProviderService } from '../../../domains/email';
import { TicketSetupService } from '../../../domains/tickets';
import { withEmissionContext } from '../../../lib/kit';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { tempSqlite, wfe } from '../../cli/run-cli';
import { FakeMailProvider } from './fake-mail-provider';
import { FIXTURES } from './fixtures';

describe('email: wfe email ingest and wfe demo', function () {
  this.timeout(120_000);

  it('wfe email ingest <file.eml> --provider takes a message from disk like a notification: once, with a ticket for a known contact', async () => {
    const sqliteFile = tempSqlite();
    const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-blobs-'));
    const api = await new FakeMailProvider().start();
    const env = { WFE_SQLITE_FILE: sqliteFile, WFE_BLOB_DIR: blobDir };
    let providerId = '';
    const app = await createApp({ ...loadConfig({ ...process.env, ...env, DATABASE_URL: '' }), logLevel: 'silent' });
    try {
      await withEmissionContext({ tenantId: uuidv4(), actorUserId: uuidv4() }, async () => {
        const setup = app.runtime.resolve(TicketSetupService);
        await setup.createStatus({ name: 'New', isDefault: true });
        const board = await setup.createBoard({ name: 'Desk' });
        const priority = await setup.createPriority({ name: 'Normal' });
        const client = await app.runtime.resolve(ClientService).create({ name: 'Client Ltd', status: 'active' });
        await app.runtime.resolve(ContactService).create({ clientId: client.id, fullName: 'Alice Doe', email: 'alice@client.example' });
        const p = await app.runtime.resolve(EmailProviderService).connect({ type: 'microsoft', name: 'Support', accessToken: api.token, apiBaseUrl: api.graphBase, subscriptionId: 's', clientState: 'c'.repeat(20), boardId: board.id, priorityId: priority.id });
        providerId = p.id;
      });
    } finally {
      await app.close();
      await api.stop();
    }
    const file = path.join(FIXTURES, 'new-request.eml');
    const first = wfe(['email', 'ingest', file, '--provider', providerId], env);
    expect(first.status, first.stderr).to.equal(0);
    const result = JSON.parse(first.stdout);
    expect(result).to.include({ messageId: 'req-1@client.example', new: true, outcome: 'ticket_opened' });
    expect(result.ticketId).to.match(/^[0-9a-f-]{36}$/);
    expect(result.rawMimeRef).to.match(/^sha256:/);
    const again = wfe(['email', 'ingest', file, '--provider', providerId], env);
    expect(JSON.parse(again.stdout)).to.include({ new: false });
    const unknown = wfe(['email', 'ingest', file, '--provider', uuidv4()], env);
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.match(/email provider .* does not exist/i);
  });

  it('wfe demo: a client email opens a ticket, the reply goes out over SMTP, the answer threads back, a bounce is recorded', () => {
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite(), WFE_BLOB_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-blobs-')) });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const from = res.stdout.slice(res.stdout.indexOf('— Email'));
    // Up to the next module's story (notifications and surveys tell theirs after email).
    const next = from.slice(1).search(/^— /m);
    const story = next === -1 ? from : from.slice(0, next + 1);
    const types = [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]).filter((t) => !t.startsWith('TICKET_') && !['CLIENT_CREATED', 'COMPANY_CREATED', 'CONTACT_CREATED'].includes(t));
    expect(types).to.deep.equal([
      'EMAIL_PROVIDER_CONNECTED',
      'INBOUND_EMAIL_RECEIVED',
      'OUTBOUND_EMAIL_QUEUED',
      'OUTBOUND_EMAIL_SENT',
      'INBOUND_EMAIL_RECEIVED',
      'INBOUND_EMAIL_REPLY_RECEIVED',
      'OUTBOUND_EMAIL_QUEUED',
      'OUTBOUND_EMAIL_SENT',
      'EMAIL_BOUNCED',
      'INBOUND_EMAIL_RECEIVED',
    ]);
    expect(story).to.contain('TICKET_CREATED');
    expect(story).to.contain('TICKET_CUSTOMER_REPLIED');
    expect(story).not.to.contain('NOT ARRIVED');
  });
});
