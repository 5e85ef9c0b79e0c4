import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, CreditNoteService, InvoiceLifecycleService, PaymentRefundService, PaymentService } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { issueInvoice } from './billing-fixtures';
import { StripeDesk } from './stripe-desk';

forEachDatabase('billing: payments, credit notes and Stripe stay inside their tenant', (target) => {
  let kit: TestKit;
  const other = uuidv4();
  const clientId = uuidv4();

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  it("another tenant's payments, credit notes and invoices are not found by any action", async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 5000 });
    const payments = kit.resolve(PaymentService);
    const { payment } = await kit.run(() => payments.record({ clientId, amount: 5000, currency: 'USD', method: 'check' }));
    const note = await kit.run(() => kit.resolve(CreditNoteService).create({ clientId, currency: 'USD', amount: 100 }));
    const before = kit.events.all.length;
    const asOther = <T>(fn: () => Promise<T>) => kit.run(fn, { tenantId: other }).catch((e) => e);
    expect((await asOther(() => payments.get(payment.id))).code).to.equal('PAYMENT_NOT_FOUND');
    expect((await asOther(() => payments.apply(payment.id, [{ invoiceId: invoice.id, amount: 1 }]))).code).to.equal('PAYMENT_NOT_FOUND');
    expect((await asOther(() => kit.resolve(PaymentRefundService).refund(payment.id))).code).to.equal('PAYMENT_NOT_FOUND');
    expect((await asOther(() => kit.resolve(CreditNoteService).apply(note.id, invoice.id))).code).to.equal('CREDIT_NOTE_NOT_FOUND');
    expect((await asOther(() => kit.resolve(CreditNoteService).void(note.id))).code).to.equal('CREDIT_NOTE_NOT_FOUND');
    expect((await asOther(() => kit.resolve(InvoiceLifecycleService).writeOff(invoice.id))).code).to.equal('INVOICE_NOT_FOUND');
    // Their own payment cannot reach this tenant's invoice either.
    const { payment: theirs } = await kit.run(() => payments.record({ clientId, amount: 5000, currency: 'USD', method: 'check' }), { tenantId: other });
    expect((await asOther(() => payments.apply(theirs.id, [{ invoiceId: invoice.id, amount: 1 }]))).code).to.equal('INVOICE_NOT_FOUND');
    expect(kit.events.all.slice(before).map((e) => e.eventType)).to.deep.equal(['PAYMENT_RECORDED']); // only the other tenant's own payment
  });

  it("a Stripe payment whose metadata names another tenant's invoice is recorded for its tenant and applied to nothing", async () => {
    const stripe = new StripeDesk(kit);
    try {
      const invoice = await issueInvoice(kit, { clientId, total: 5000 });
      const res = await stripe.deliver(stripe.event('payment_intent.succeeded', stripe.intent({ amount: 5000, metadata: { tenantId: other, clientId, invoiceId: invoice.id } })));
      expect(res.statusCode).to.equal(200);
      expect(kit.events).to.have.emitted('PAYMENT_RECORDED').withPayload({ tenantId: other }).times(1);
      expect(kit.events).not.to.have.emitted('PAYMENT_APPLIED');
      expect((await kit.db('invoices').where({ invoice_id: invoice.id }).first()).status).to.equal('sent');
    } finally {
      await stripe.close();
    }
  });
});
