import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import {
  billingModule,
  CreditNoteAmountExceededError,
  CreditNoteInputError,
  CreditNoteService,
  CreditNoteStateError,
  CurrencyMismatchError,
  InvoiceBalanceError,
  MoneyInputError,
} from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { at, issueInvoice } from './billing-fixtures';

forEachDatabase('billing: credit notes', (target) => {
  let kit: TestKit;
  let notes: CreditNoteService;
  const clientId = uuidv4();

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    notes = kit.resolve(CreditNoteService);
  });
  afterEach(() => kit.close());

  it('create from an invoice emits CREDIT_NOTE_CREATED with its client and currency', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 5000, currency: 'KWD' });
    const note = await kit.run(() => notes.create({ invoiceId: invoice.id, amount: 1250, reason: 'Outage credit' }), at('2030-01-09T10:00:00Z'));
    expect(note).to.include({ clientId, currency: 'KWD', status: 'open', remaining: 1250, sourceInvoiceId: invoice.id });
    expect(kit.events).to.have.emitted('CREDIT_NOTE_CREATED')
      .withPayload({ creditNoteId: note.id, clientId, createdByUserId: kit.actorUserId, createdAt: '2030-01-09T10:00:00.000Z', amount: 1250, currency: 'KWD', status: 'open', tenantId: kit.tenantId })
      .times(1);
  });

  const refusals: Array<[string, Function, string, Record<string, unknown>]> = [
    ['a standalone note without currency', MoneyInputError, 'currency', { clientId }],
    ['a standalone note without client', CreditNoteInputError, 'clientId', { currency: 'USD' }],
    ['a negative amount', MoneyInputError, 'amount', { clientId, currency: 'USD', amount: -5 }],
    ['a blank reason', CreditNoteInputError, 'reason', { clientId, currency: 'USD', reason: '  ' }],
  ];
  for (const [what, type, field, input] of refusals) {
    it(`create refuses ${what} naming ${field}`, async () => {
      const err = await kit.run(() => notes.create({ amount: 100, ...input } as any)).catch((e) => e);
      expect(err).to.be.instanceOf(type).and.include({ field });
      expect(await kit.db('billing_credit_notes')).to.be.empty;
      expect(kit.events.all).to.be.empty;
    });
  }

  it('create against an invoice refuses another currency and more than its total', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 5000 });
    expect(await kit.run(() => notes.create({ invoiceId: invoice.id, amount: 100, currency: 'EUR' })).catch((e) => e)).to.be.instanceOf(CurrencyMismatchError);
    expect(await kit.run(() => notes.create({ invoiceId: invoice.id, amount: 5001 })).catch((e) => e)).to.be.instanceOf(CreditNoteInputError).and.include({ field: 'amount' });
    expect(kit.events).not.to.have.emitted('CREDIT_NOTE_CREATED');
  });

  it('apply emits CREDIT_NOTE_APPLIED and moves the invoice; never beyond the balance or the remaining credit', async () => {
    const invoice = await issueInvoice(kit, { clientId, total: 3000 });
    const other = await issueInvoice(kit, { clientId, total: 3000 });
    const note = await kit.run(() => notes.create({ clientId, currency: 'USD', amount: 4000 }));
    const first = await kit.run(() => notes.apply(note.id, invoice.id, 1000), at('2030-01-10T10:00:00Z'));
    expect(first.creditNote).to.include({ remaining: 3000, status: 'open' });
    expect(kit.events).to.have.emitted('CREDIT_NOTE_APPLIED')
      .withPayload({ creditNoteId: note.id, invoiceId: invoice.id, appliedByUserId: kit.actorUserId, appliedAt: '2030-01-10T10:00:00.000Z', amountApplied: 1000, currency: 'USD' })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'sent', newStatus: 'partially_paid' }).times(1);
    expect(await kit.run(() => notes.apply(note.id, invoice.id, 2001)).catch((e) => e)).to.be.instanceOf(InvoiceBalanceError);
    const rest = await kit.run(() => notes.apply(note.id, invoice.id)); // defaults to the balance, 2000
    expect(rest.amountApplied).to.equal(2000);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'partially_paid', newStatus: 'paid' }).times(1);
    expect(await kit.run(() => notes.apply(note.id, other.id, 1001)).catch((e) => e)).to.be.instanceOf(CreditNoteAmountExceededError);
    const last = await kit.run(() => notes.apply(note.id, other.id));
    expect(last.creditNote).to.include({ remaining: 0, status: 'applied' });
    expect(await kit.run(() => notes.apply(note.id, other.id, 1)).catch((e) => e)).to.be.instanceOf(CreditNoteStateError);
    expect(kit.events.ofType('CREDIT_NOTE_APPLIED')).to.have.length(3);
  });

  it("apply refuses another client's invoice", async () => {
    const invoice = await issueInvoice(kit, { total: 3000 });
    const note = await kit.run(() => notes.create({ clientId, currency: 'USD', amount: 100 }));
    const err = await kit.run(() => notes.apply(note.id, invoice.id)).catch((e) => e);
    expect(err).to.be.instanceOf(CreditNoteInputError).and.include({ field: 'invoiceId' });
  });

  it('void emits CREDIT_NOTE_VOIDED for an unused note; a voided or applied note is refused', async () => {
    const note = await kit.run(() => notes.create({ clientId, currency: 'JPY', amount: 500 }));
    const voided = await kit.run(() => notes.void(note.id, { reason: 'Issued in error' }), at('2030-01-11T10:00:00Z'));
    expect(voided.status).to.equal('voided');
    expect(kit.events).to.have.emitted('CREDIT_NOTE_VOIDED')
      .withPayload({ creditNoteId: note.id, voidedByUserId: kit.actorUserId, voidedAt: '2030-01-11T10:00:00.000Z', reason: 'Issued in error' })
      .times(1);
    const invoice = await issueInvoice(kit, { clientId, total: 3000, currency: 'JPY' });
    expect(await kit.run(() => notes.apply(note.id, invoice.id)).catch((e) => e)).to.be.instanceOf(CreditNoteStateError);
    expect(await kit.run(() => notes.void(note.id)).catch((e) => e)).to.be.instanceOf(CreditNoteStateError);
    const used = await kit.run(() => notes.create({ clientId, currency: 'JPY', amount: 500 }));
    await kit.run(() => notes.apply(used.id, invoice.id, 100));
    expect(await kit.run(() => notes.void(used.id)).catch((e) => e)).to.be.instanceOf(CreditNoteStateError);
    expect(kit.events.ofType('CREDIT_NOTE_VOIDED')).to.have.length(1);
  });

  if (target.name === 'postgres') {
    it('one note applied to two invoices at once never exceeds its credit', async () => {
      const a = await issueInvoice(kit, { clientId, total: 3000 });
      const b = await issueInvoice(kit, { clientId, total: 3000 });
      const note = await kit.run(() => notes.create({ clientId, currency: 'USD', amount: 2000 }));
      const results = await Promise.allSettled([kit.run(() => notes.apply(note.id, a.id, 1500)), kit.run(() => notes.apply(note.id, b.id, 1500))]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect((await kit.run(() => notes.get(note.id))).amountApplied).to.equal(1500);
    });
  }
});
