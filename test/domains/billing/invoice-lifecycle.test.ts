import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, BillingSettingsService, InvoiceInputError, InvoiceLifecycleService, InvoiceService, InvoiceStateError } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { at, issueInvoice, SYSTEM } from './billing-fixtures';

forEachDatabase('billing: invoice lifecycle', (target) => {
  let kit: TestKit;
  let invoices: InvoiceService;
  let lifecycle: InvoiceLifecycleService;
  const clientId = uuidv4();
  const lines = [{ description: 'Managed services', quantity: 2, unitPrice: 4500 }];

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    invoices = kit.resolve(InvoiceService);
    lifecycle = kit.resolve(InvoiceLifecycleService);
  });
  afterEach(() => kit.close());

  it('generate sets a net-30 due date on the tenant calendar unless given', async () => {
    await kit.run(() => kit.resolve(BillingSettingsService).configure({ timezone: 'Pacific/Auckland' }));
    const draft = await kit.run(() => invoices.generate({ clientId, lines }), at('2030-01-10T12:00:00Z'));
    expect(draft.dueDate).to.equal('2030-02-10'); // already Jan 11 in Auckland
    const given = await kit.run(() => invoices.generate({ clientId, lines, dueDate: '2030-03-01' }));
    expect(given.dueDate).to.equal('2030-03-01');
    const err = await kit.run(() => invoices.generate({ clientId, lines, dueDate: '2030-02-30' })).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceInputError).and.include({ field: 'dueDate' });
  });

  it('finalize also emits INVOICE_STATUS_CHANGED draft → finalized', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    const done = await kit.run(() => invoices.finalize(draft.id));
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED')
      .withPayload({ invoiceId: draft.id, previousStatus: 'draft', newStatus: 'finalized', actorUserId: kit.actorUserId, actorType: 'USER', changedAt: done.finalizedAt!.toISOString(), tenantId: kit.tenantId })
      .times(1);
    expect(kit.events).to.have.emittedInOrder(['INVOICE_FINALIZED', 'INVOICE_STATUS_CHANGED']);
  });

  it('send emits INVOICE_SENT and finalized → sent, storing channel and recipients; a re-send moves no status', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    await kit.run(() => invoices.finalize(draft.id));
    const sent = await kit.run(() => lifecycle.send(draft.id, { deliveryMethod: 'email', recipients: ['ap@client.example', 'cfo@client.example'] }), at('2030-01-02T09:00:00Z'));
    expect(sent.invoice).to.include({ status: 'sent', deliveryMethod: 'email', sentByUserId: kit.actorUserId });
    expect(sent.invoice.recipients).to.deep.equal(['ap@client.example', 'cfo@client.example']);
    expect(kit.events).to.have.emitted('INVOICE_SENT')
      .withPayload({ invoiceId: draft.id, clientId, sentByUserId: kit.actorUserId, sentAt: '2030-01-02T09:00:00.000Z', deliveryMethod: 'email', tenantId: kit.tenantId })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: draft.id, previousStatus: 'finalized', newStatus: 'sent', changedAt: '2030-01-02T09:00:00.000Z' }).times(1);
    await kit.run(() => lifecycle.send(draft.id, { deliveryMethod: 'portal' }));
    expect(kit.events.ofType('INVOICE_SENT')).to.have.length(2);
    expect(kit.events).to.have.emitted('INVOICE_SENT').withPayload({ deliveryMethod: 'portal' }).times(1);
    expect(kit.events.ofType('INVOICE_STATUS_CHANGED')).to.have.length(2); // finalize + first send only
  });

  const sendRefusals: Array<[string, string, any]> = [
    ['an unknown delivery method', 'deliveryMethod', { deliveryMethod: 'fax' }],
    ['email without recipients', 'recipients', { deliveryMethod: 'email' }],
    ['a malformed address', 'recipients[1]', { deliveryMethod: 'email', recipients: ['ap@client.example', 'not-an-address'] }],
  ];
  for (const [what, field, input] of sendRefusals) {
    it(`send refuses ${what} naming ${field}; nothing written or emitted`, async () => {
      const invoice = await issueInvoice(kit, { send: false });
      const before = kit.events.all.length;
      const err = await kit.run(() => lifecycle.send(invoice.id, input)).catch((e) => e);
      expect(err).to.be.instanceOf(InvoiceInputError).and.include({ field });
      expect(kit.events.all).to.have.length(before);
      expect((await kit.db('invoices').where({ invoice_id: invoice.id }).first()).status).to.equal('finalized');
    });
  }

  it('sending a draft is refused', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    const err = await kit.run(() => lifecycle.send(draft.id, { deliveryMethod: 'print' })).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceStateError);
    expect(kit.events).not.to.have.emitted('INVOICE_SENT');
  });

  it('an automatic sending is attributed to the billing automation user, actorType SYSTEM', async () => {
    const automationUserId = uuidv4();
    await kit.run(() => kit.resolve(BillingSettingsService).configure({ automationUserId }));
    const invoice = await issueInvoice(kit, { send: false });
    await kit.run(() => lifecycle.send(invoice.id, { deliveryMethod: 'portal' }), SYSTEM);
    expect(kit.events).to.have.emitted('INVOICE_SENT').withPayload({ sentByUserId: automationUserId, actorType: 'SYSTEM' }).times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ newStatus: 'sent', actorUserId: automationUserId, actorType: 'SYSTEM' }).times(1);
  });

  it('changeDueDate emits INVOICE_DUE_DATE_CHANGED; the same date again emits nothing', async () => {
    const invoice = await issueInvoice(kit, { dueDate: '2030-01-31' });
    const change = await kit.run(() => lifecycle.changeDueDate(invoice.id, '2030-02-15'), at('2030-01-20T10:00:00Z'));
    expect(change.invoice.dueDate).to.equal('2030-02-15');
    expect(kit.events).to.have.emitted('INVOICE_DUE_DATE_CHANGED')
      .withPayload({ invoiceId: invoice.id, previousDueDate: '2030-01-31', newDueDate: '2030-02-15', actorUserId: kit.actorUserId, changedAt: '2030-01-20T10:00:00.000Z', tenantId: kit.tenantId })
      .times(1);
    const count = kit.events.all.length;
    await kit.run(() => lifecycle.changeDueDate(invoice.id, '2030-02-15'));
    expect(kit.events.all).to.have.length(count);
    const err = await kit.run(() => lifecycle.changeDueDate(invoice.id, '15/02/2030')).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceInputError).and.include({ field: 'newDueDate' });
    expect(kit.events.all).to.have.length(count);
  });

  it('writeOff writes off the open balance, emits INVOICE_WRITTEN_OFF and → written_off; twice is refused', async () => {
    const invoice = await issueInvoice(kit, { total: 12345, currency: 'KWD' });
    const off = await kit.run(() => lifecycle.writeOff(invoice.id, { reason: 'Client insolvent' }), at('2030-03-01T08:00:00Z'));
    expect(off.invoice).to.include({ status: 'written_off', balance: 0, amountWrittenOff: 12345 });
    expect(kit.events).to.have.emitted('INVOICE_WRITTEN_OFF')
      .withPayload({ invoiceId: invoice.id, actorUserId: kit.actorUserId, writtenOffAt: '2030-03-01T08:00:00.000Z', amountWrittenOff: 12345, currency: 'KWD', reason: 'Client insolvent' })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'sent', newStatus: 'written_off' }).times(1);
    const err = await kit.run(() => lifecycle.writeOff(invoice.id)).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceStateError);
    expect(kit.events.ofType('INVOICE_WRITTEN_OFF')).to.have.length(1);
  });

  it('void moves an untouched invoice to void; a written-off one cannot be voided', async () => {
    const invoice = await issueInvoice(kit);
    await kit.run(() => lifecycle.void(invoice.id));
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'sent', newStatus: 'void' }).times(1);
    const err = await kit.run(() => lifecycle.void(invoice.id)).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceStateError);
  });

  it("another tenant's invoice is not found", async () => {
    const invoice = await issueInvoice(kit);
    const err = await kit.run(() => lifecycle.send(invoice.id, { deliveryMethod: 'portal' }), { tenantId: uuidv4() }).catch((e) => e);
    expect(err.code).to.equal('INVOICE_NOT_FOUND');
  });
});
