import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, BillingSettingsService, InvoiceLifecycleService, InvoiceOverdueSweeper } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { at, issueInvoice, SYSTEM } from './billing-fixtures';

forEachDatabase('billing: overdue sweeper', (target) => {
  let kit: TestKit;
  let sweeper: InvoiceOverdueSweeper;
  const sweep = (when: string) => kit.run(() => sweeper.sweep(), { ...SYSTEM, tenantId: undefined, ...at(when) });

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    sweeper = kit.resolve(InvoiceOverdueSweeper);
  });
  afterEach(() => kit.close());

  it("emits INVOICE_OVERDUE on the first sweep of the tenant's calendar day after the due date, and sent → overdue", async () => {
    const clientId = uuidv4();
    const invoice = await issueInvoice(kit, { clientId, total: 9900, currency: 'JPY', dueDate: '2030-01-10' });
    await sweep('2030-01-10T23:59:00Z'); // still Jan 10 in UTC
    expect(kit.events).not.to.have.emitted('INVOICE_OVERDUE');
    await sweep('2030-01-13T06:00:00Z');
    expect(kit.events).to.have.emitted('INVOICE_OVERDUE')
      .withPayload({ tenantId: kit.tenantId, invoiceId: invoice.id, clientId, overdueAt: '2030-01-13T06:00:00.000Z', dueDate: '2030-01-10', amountDue: 9900, currency: 'JPY', daysOverdue: 3, actorType: 'SYSTEM' })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED')
      .withPayload({ invoiceId: invoice.id, previousStatus: 'sent', newStatus: 'overdue', actorUserId: kit.actorUserId, actorType: 'SYSTEM' })
      .times(1);
  });

  it('counts days on the tenant calendar: Auckland is a day ahead of UTC', async () => {
    await kit.run(() => kit.resolve(BillingSettingsService).configure({ timezone: 'Pacific/Auckland' }));
    const invoice = await issueInvoice(kit, { dueDate: '2030-01-10' });
    const other = uuidv4();
    const utcInvoice = await issueInvoice(kit, { dueDate: '2030-01-10', tenantId: other });
    await sweep('2030-01-10T12:00:00Z'); // 01:00 on Jan 11 in Auckland
    expect(kit.events).to.have.emitted('INVOICE_OVERDUE').withPayload({ invoiceId: invoice.id, daysOverdue: 1 }).times(1);
    expect(kit.events).not.to.have.emitted('INVOICE_OVERDUE', { invoiceId: utcInvoice.id });
  });

  it('fires once per invoice and due date when sweeps run twice and at once', async () => {
    const invoices = await Promise.all([1, 2, 3].map(() => issueInvoice(kit, { dueDate: '2030-01-10' })));
    await Promise.all([sweep('2030-01-12T00:00:00Z'), sweep('2030-01-12T00:00:00Z')]);
    await sweep('2030-01-13T00:00:00Z');
    for (const inv of invoices) expect(kit.events).to.have.emitted('INVOICE_OVERDUE').withPayload({ invoiceId: inv.id }).times(1);
    expect(kit.events.ofType('INVOICE_OVERDUE')).to.have.length(3);
    expect(kit.events.ofType('INVOICE_STATUS_CHANGED').filter((e) => e.payload.newStatus === 'overdue')).to.have.length(3);
  });

  it('a new due date leaves overdue and can fire again for the new date', async () => {
    const invoice = await issueInvoice(kit, { dueDate: '2030-01-10' });
    await sweep('2030-01-12T00:00:00Z');
    await kit.run(() => kit.resolve(InvoiceLifecycleService).changeDueDate(invoice.id, '2030-02-01'));
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ previousStatus: 'overdue', newStatus: 'sent' }).times(1);
    await sweep('2030-01-20T00:00:00Z');
    expect(kit.events.ofType('INVOICE_OVERDUE')).to.have.length(1);
    await sweep('2030-02-03T00:00:00Z');
    expect(kit.events).to.have.emitted('INVOICE_OVERDUE').withPayload({ invoiceId: invoice.id, dueDate: '2030-02-01', daysOverdue: 2 }).times(1);
  });

  it('drafts, invoices never sent and invoices written off do not go overdue', async () => {
    await issueInvoice(kit, { dueDate: '2030-01-10', send: false });
    const off = await issueInvoice(kit, { dueDate: '2030-01-10' });
    await kit.run(() => kit.resolve(InvoiceLifecycleService).writeOff(off.id));
    await sweep('2030-02-01T00:00:00Z');
    expect(kit.events).not.to.have.emitted('INVOICE_OVERDUE');
  });
});
