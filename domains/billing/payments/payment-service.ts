import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, currentActorType, currentUserId, EmitsEvent, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { InvoiceStatusMove } from '../invoices/invoice';
import { InvoiceBalanceError } from '../invoices/invoice-errors';
import { InvoiceLedger } from '../invoices/invoice-ledger';
import { invoiceStatusChanges } from '../invoices/invoice-lifecycle-mappers';
import { readInvoice } from '../invoices/invoice-rows';
import { assertSameCurrency } from '../money';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { ApplicationInput, Payment, PaymentApplication, PaymentFailure, PaymentRecording, RecordFailureInput, RecordPaymentInput } from './payment';
import { PaymentAmountExceededError, PaymentInputError } from './payment-errors';
import { checkApplications, checkFailureInput, checkRecordInput } from './payment-input';
import { paymentApplied, paymentFailed, paymentRecorded } from './payment-mappers';
import { readPayment, toPayment } from './payment-rows';

/**
 * Recording client payments, applying them to invoices, and recording failed collection attempts.
 * Refunds are PaymentRefundService.
 */
@injectable()
export class PaymentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: InvoiceLedger,
    private readonly settings: BillingSettingsService,
  ) {}

  /**
   * Records money received. With a gatewayTransactionId it is recorded once per tenant: the same
   * transaction again returns the first payment with `recorded: false` and emits nothing.
   * @throws PaymentInputError (clientId, method, receivedAt, gatewayTransactionId), MoneyInputError (amount, currency).
   */
  @EmitsEvent('PAYMENT_RECORDED', paymentRecorded)
  async record(input: RecordPaymentInput): Promise<PaymentRecording> {
    const tenant = currentTenant('PaymentService.record');
    const { method } = checkRecordInput(input);
    const now = actionTime();
    const id = uuidv4();
    const row = {
      payment_id: id,
      tenant,
      client_id: input.clientId.toLowerCase(),
      amount: input.amount,
      currency: input.currency,
      method,
      status: 'received',
      received_at: input.receivedAt ?? now,
      received_by_user_id: currentActorType() === 'USER' ? currentUserId() ?? null : null,
      gateway_transaction_id: input.gatewayTransactionId?.trim() ?? null,
      created_at: now,
      updated_at: now,
    };
    if (row.gateway_transaction_id) {
      const inserted = await insertIfAbsent(this.uow.db, 'billing_payments', row, ['tenant', 'gateway_transaction_id']);
      if (!inserted) {
        const existing = await this.uow.db('billing_payments').where({ tenant, gateway_transaction_id: row.gateway_transaction_id }).first();
        return { payment: toPayment(existing), recorded: false };
      }
    } else {
      await this.uow.db('billing_payments').insert(row);
    }
    return { payment: await readPayment(this.uow.db, tenant, id), recorded: true };
  }

  /**
   * Applies a payment to invoices of its client in its currency. Locks the payment, then the
   * invoices in id order; refuses any amount above an invoice's balance or, in sum, above the
   * payment's unapplied amount — two applications racing on one invoice or payment run one after the
   * other and the second is refused rather than over-applying. One PAYMENT_APPLIED lists the allocations.
   * @throws PaymentInputError (applications[i]…), CurrencyMismatchError (applications[i].invoiceId),
   *   InvoiceStateError, InvoiceBalanceError, PaymentAmountExceededError, Payment/InvoiceNotFoundError.
   */
  @EmitsEvent('PAYMENT_APPLIED', paymentApplied)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async apply(paymentId: string, applications: ApplicationInput[]): Promise<PaymentApplication> {
    const tenant = currentTenant('PaymentService.apply');
    checkApplications(applications);
    const db = this.uow.db;
    const payment = await readPayment(db, tenant, paymentId, { lock: true });
    const invoices = await this.ledger.lockOpen(tenant, applications.map((a) => a.invoiceId.toLowerCase()), 'apply a payment to');
    applications.forEach((a, i) => {
      const invoice = invoices.get(a.invoiceId.toLowerCase())!;
      if (invoice.clientId !== payment.clientId) throw new PaymentInputError(`applications[${i}].invoiceId`, 'belongs to another client than the payment');
      assertSameCurrency(payment.currency, invoice.currency, `applications[${i}].invoiceId`);
      if (a.amount > invoice.balance) throw new InvoiceBalanceError(invoice.id, a.amount, invoice.balance);
    });
    const total = applications.reduce((s, a) => s + a.amount, 0);
    if (total > payment.unapplied) throw new PaymentAmountExceededError(payment.id, total, payment.unapplied, 'apply');
    const first = invoices.values().next().value!;
    const by = await this.settings.attribute('PaymentService.apply', payment.receivedByUserId, first.sentByUserId, first.finalizedByUserId);
    const at = actionTime();
    const took = await db('billing_payments')
      .where({ payment_id: payment.id, tenant })
      .whereRaw('amount - amount_refunded - amount_applied >= ?', [total])
      .update({ amount_applied: db.raw('amount_applied + ?', [total]), updated_at: at });
    if (!took) throw new PaymentAmountExceededError(payment.id, total, payment.unapplied, 'apply');
    const moves: InvoiceStatusMove[] = [];
    for (const a of applications) {
      const invoice = invoices.get(a.invoiceId.toLowerCase())!;
      await db('billing_payment_applications').insert({
        application_id: uuidv4(),
        tenant,
        payment_id: payment.id,
        invoice_id: invoice.id,
        amount: a.amount,
        applied_at: at,
        applied_by_user_id: by.userId,
      });
      const { move } = await this.ledger.post(invoice, 'amount_paid', a.amount, by, at);
      if (move) moves.push(move);
    }
    return {
      payment: await readPayment(db, tenant, payment.id),
      applications: applications.map((a) => ({ invoiceId: invoices.get(a.invoiceId.toLowerCase())!.id, amountApplied: a.amount })),
      byUserId: by.userId,
      at,
      moves,
    };
  }

  /**
   * Records a failed collection attempt (nothing received, no balance changes). An invoiceId must
   * be the client's; a paymentId the client's payment.
   * @throws PaymentInputError, MoneyInputError, InvoiceNotFoundError, PaymentNotFoundError.
   */
  @EmitsEvent('PAYMENT_FAILED', paymentFailed)
  async recordFailure(input: RecordFailureInput): Promise<PaymentFailure> {
    const tenant = currentTenant('PaymentService.recordFailure');
    const { method } = checkFailureInput(input);
    const db = this.uow.db;
    if (input.invoiceId) {
      const invoice = await readInvoice(db, tenant, input.invoiceId);
      if (invoice.clientId !== input.clientId.toLowerCase()) throw new PaymentInputError('invoiceId', 'belongs to another client');
      assertSameCurrency(invoice.currency, input.currency, 'currency');
    }
    if (input.paymentId && (await readPayment(db, tenant, input.paymentId)).clientId !== input.clientId.toLowerCase()) throw new PaymentInputError('paymentId', 'belongs to another client');
    const failure: PaymentFailure = { ...input, clientId: input.clientId.toLowerCase(), method, id: uuidv4(), tenantId: tenant, failedAt: actionTime() };
    await db('billing_payment_failures').insert({
      failure_id: failure.id,
      tenant,
      client_id: failure.clientId,
      invoice_id: input.invoiceId ?? null,
      payment_id: input.paymentId ?? null,
      amount: input.amount,
      currency: input.currency,
      method,
      failure_code: input.failureCode ?? null,
      failure_message: input.failureMessage ?? null,
      retryable: input.retryable ?? null,
      gateway_transaction_id: input.gatewayTransactionId ?? null,
      failed_at: failure.failedAt,
    });
    return failure;
  }

  /** One of the tenant's payments. @throws PaymentNotFoundError. */
  get(paymentId: string): Promise<Payment> {
    return readPayment(this.uow.db, currentTenant('PaymentService.get'), paymentId);
  }

  /** A payment by its gateway transaction id, if recorded. */
  async findByGatewayTransaction(gatewayTransactionId: string): Promise<Payment | undefined> {
    const row = await this.uow.db('billing_payments').where({ tenant: currentTenant('PaymentService.findByGatewayTransaction'), gateway_transaction_id: gatewayTransactionId }).first();
    return row ? toPayment(row) : undefined;
  }
}
