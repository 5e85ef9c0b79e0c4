import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import {
  billingModule,
  CurrencyMismatchError,
  InvoiceBalanceError,
  InvoiceService,
  MoneyInputError,
  PaymentAmountExceededError,
  PaymentInputError,
  PaymentRefundService,
  PaymentService,
} from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { at, issueInvoice } from './billing-fixtures';

forEachDatabase('billing: payments', (target) => {
  let kit: TestKit;
  let payments: PaymentService;
  let refunds: PaymentRefundService;
  const clientId = uuidv4();
  const record = (amount: number, extra: Record<string, unknown> = {}) =>
    kit.run(() => payments.record({ clientId, amount, currency: 'USD', method: 'check', ...extra }), at('2030-01-05T10:00:00Z')).then((r) => r.payment);

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    payments = kit.resolve(PaymentService);
    refunds = kit.resolve(PaymentRefundService);
  });
  afterEach(() => kit.close());

  it('record emits PAYMENT_RECORDED; the same gateway transaction again emits nothing', async () => {
    const { payment } = await kit.run(() => payments.record({ clientId, amount: 25000, currency: 'USD', method: 'Card', gatewayTransactionId: 'pi_123' }), at('2030-01-05T10:00:00Z'));
    expect(payment).to.include({ amount: 25000, unapplied: 25000, method: 'card', status: 'received' });
    expect(kit.events).to.have.emitted('PAYMENT_RECORDED')
      .withPayload({ paymentId: payment.id, clientId, receivedAt: '2030-01-05T10:00:00.000Z', amount: 25000, currency: 'USD', method: 'card', receivedByUserId: kit.actorUserId, gatewayTransactionId: 'pi_123', tenantId: kit.tenantId })
      .times(1);
    const again = await kit.run(() => payments.record({ clientId, amount: 25000, currency: 'USD', method: 'card', gatewayTransactionId: 'pi_123' }));
    expect(again).to.deep.include({ recorded: false });
    expect(again.payment.id).to.equal(payment.id);
    expect(kit.events.ofType('PAYMENT_RECORDED')).to.have.length(1);
    expect(await kit.db('billing_payments')).to.have.length(1);
  });

  const refusals: Array<[string, string, Function, Record<string, unknown>]> = [
    ['a float amount', 'amount', MoneyInputError, { amount: 10.5 }],
    ['a zero amount', 'amount', MoneyInputError, { amount: 0 }],
    ['a lower-case currency', 'currency', MoneyInputError, { currency: 'usd' }],
    ['a client that is no uuid', 'clientId', PaymentInputError, { clientId: 'acme' }],
    ['a blank method', 'method', PaymentInputError, { method: ' ' }],
  ];
  for (const [what, field, type, change] of refusals) {
    it(`record refuses ${what} naming ${field}; nothing written or emitted`, async () => {
      const err = await kit.run(() => payments.record({ clientId, amount: 100, currency: 'USD', method: 'card', ...change } as any)).catch((e) => e);
      expect(err).to.be.instanceOf(type).and.include({ field });
      expect(await kit.db('billing_payments')).to.be.empty;
      expect(kit.events.all).to.be.empty;
    });
  }

  it('apply splits a payment over invoices: one PAYMENT_APPLIED, statuses follow', async () => {
    const a = await issueInvoice(kit, { clientId, total: 10000 });
    const b = await issueInvoice(kit, { clientId, total: 30000 });
    const payment = await record(25000);
    const applied = await kit.run(() => payments.apply(payment.id, [{ invoiceId: a.id, amount: 10000 }, { invoiceId: b.id, amount: 15000 }]), at('2030-01-06T08:00:00Z'));
    expect(applied.payment).to.include({ amountApplied: 25000, unapplied: 0 });
    expect(kit.events).to.have.emitted('PAYMENT_APPLIED')
      .withPayload({ paymentId: payment.id, appliedAt: '2030-01-06T08:00:00.000Z', appliedByUserId: kit.actorUserId, applications: [{ invoiceId: a.id, amountApplied: 10000 }, { invoiceId: b.id, amountApplied: 15000 }] })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: a.id, previousStatus: 'sent', newStatus: 'paid' }).times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: b.id, previousStatus: 'sent', newStatus: 'partially_paid' }).times(1);
    const invoices = kit.resolve(InvoiceService);
    expect(await kit.run(() => invoices.get(b.id))).to.include({ amountPaid: 15000, balance: 15000 });
  });

  it('apply refuses more than the balance, more than unapplied, another currency or client; nothing written', async () => {
    const usd = await issueInvoice(kit, { clientId, total: 10000 });
    const eur = await issueInvoice(kit, { clientId, total: 10000, currency: 'EUR' });
    const strangers = await issueInvoice(kit, { total: 10000 });
    const payment = await record(5000);
    const before = kit.events.all.length;
    const attempts: Array<[unknown[], Function, string?]> = [
      [[{ invoiceId: usd.id, amount: 10001 }], InvoiceBalanceError],
      [[{ invoiceId: usd.id, amount: 6000 }], PaymentAmountExceededError],
      [[{ invoiceId: eur.id, amount: 100 }], CurrencyMismatchError, 'applications[0].invoiceId'],
      [[{ invoiceId: usd.id, amount: 100 }, { invoiceId: strangers.id, amount: 100 }], PaymentInputError, 'applications[1].invoiceId'],
      [[{ invoiceId: usd.id, amount: 1.5 }], MoneyInputError, 'applications[0].amount'],
      [[], PaymentInputError, 'applications'],
    ];
    for (const [apps, type, field] of attempts) {
      const err = await kit.run(() => payments.apply(payment.id, apps as any)).catch((e) => e);
      expect(err, JSON.stringify(apps)).to.be.instanceOf(type);
      if (field) expect(err.field).to.equal(field);
    }
    expect(kit.events.all).to.have.length(before);
    expect(await kit.db('billing_payment_applications')).to.be.empty;
    expect((await kit.run(() => payments.get(payment.id))).unapplied).to.equal(5000);
  });

  it('refund: partial from the unapplied part first, then the rest from invoices, reopening them', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 10000 });
    const payment = await record(12000);
    await kit.run(() => payments.apply(payment.id, [{ invoiceId: invoice.id, amount: 10000 }]));
    const partial = await kit.run(() => refunds.refund(payment.id, { amount: 1500, reason: 'Overpaid' }), at('2030-01-07T09:00:00Z'));
    expect(partial.payment).to.include({ amountRefunded: 1500, unapplied: 500, status: 'partially_refunded' });
    expect(kit.events).to.have.emitted('PAYMENT_REFUNDED')
      .withPayload({ paymentId: payment.id, refundedAt: '2030-01-07T09:00:00.000Z', refundedByUserId: kit.actorUserId, amount: 1500, currency: 'USD', reason: 'Overpaid' })
      .times(1);
    expect(kit.events.ofType('INVOICE_STATUS_CHANGED').filter((e) => e.payload.previousStatus === 'paid')).to.be.empty;
    const full = await kit.run(() => refunds.refund(payment.id));
    expect(full.amount).to.equal(10500);
    expect(full.payment).to.include({ amountRefunded: 12000, amountApplied: 0, status: 'refunded' });
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'paid', newStatus: 'sent' }).times(1);
    const err = await kit.run(() => refunds.refund(payment.id, { amount: 1 })).catch((e) => e);
    expect(err).to.be.instanceOf(PaymentAmountExceededError);
    // A cumulative total already reached is a no-op.
    await kit.run(() => refunds.refund(payment.id, { refundedTotal: 12000 }));
    expect(kit.events.ofType('PAYMENT_REFUNDED')).to.have.length(2);
  });

  it('recordFailure emits PAYMENT_FAILED and changes no balance', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 10000 });
    await kit.run(
      () => payments.recordFailure({ clientId, invoiceId: invoice.id, amount: 10000, currency: 'USD', method: 'card', failureCode: 'card_declined', failureMessage: 'Your card was declined.', retryable: true }),
      at('2030-01-08T12:00:00Z'),
    );
    expect(kit.events).to.have.emitted('PAYMENT_FAILED')
      .withPayload({ invoiceId: invoice.id, clientId, failedAt: '2030-01-08T12:00:00.000Z', amount: 10000, currency: 'USD', method: 'card', failureCode: 'card_declined', failureMessage: 'Your card was declined.', retryable: true })
      .times(1);
    expect((await kit.db('invoices').where({ invoice_id: invoice.id }).first()).status).to.equal('sent');
    const err = await kit.run(() => payments.recordFailure({ clientId: uuidv4(), invoiceId: invoice.id, amount: 1, currency: 'USD', method: 'card' })).catch((e) => e);
    expect(err).to.be.instanceOf(PaymentInputError).and.include({ field: 'invoiceId' });
  });

  if (target.name === 'postgres') {
    it('two payments applied to one invoice at once never over-apply it', async () => {
      for (let round = 0; round < 5; round++) {
        const invoice = await issueInvoice(kit, { clientId, total: 10000 });
        const p1 = await record(8000);
        const p2 = await record(8000);
        const results = await Promise.allSettled([
          kit.run(() => payments.apply(p1.id, [{ invoiceId: invoice.id, amount: 8000 }])),
          kit.run(() => payments.apply(p2.id, [{ invoiceId: invoice.id, amount: 8000 }])),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).to.be.instanceOf(InvoiceBalanceError);
        const row = await kit.db('invoices').where({ invoice_id: invoice.id }).first();
        expect(Number(row.amount_paid)).to.equal(8000);
      }
    });

    it('one payment applied to two invoices at once never exceeds its unapplied amount', async () => {
      const a = await issueInvoice(kit, { clientId, total: 10000 });
      const b = await issueInvoice(kit, { clientId, total: 10000 });
      const payment = await record(10000);
      const results = await Promise.allSettled([
        kit.run(() => payments.apply(payment.id, [{ invoiceId: a.id, amount: 7000 }])),
        kit.run(() => payments.apply(payment.id, [{ invoiceId: b.id, amount: 7000 }])),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(PaymentAmountExceededError);
      expect((await kit.run(() => payments.get(payment.id))).amountApplied).to.equal(7000);
      expect(kit.events.ofType('PAYMENT_APPLIED')).to.have.length(1);
    });
  }

  it('the payment application reaches the worker through outbox and bus', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 10000 });
    const payment = await record(10000);
    const arrived = await kit
      .scenario(() => payments.apply(payment.id, [{ invoiceId: invoice.id, amount: 10000 }]))
      .expect('PAYMENT_APPLIED')
      .matching((p) => p.paymentId === payment.id)
      .toArrive();
    expect(arrived.payload.applications).to.deep.equal([{ invoiceId: invoice.id, amountApplied: 10000 }]);
  });
});
