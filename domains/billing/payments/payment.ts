import { InvoiceStatusMove } from '../invoices/invoice';

export type PaymentStatus = 'received' | 'partially_refunded' | 'refunded';

/** Money received from a client. All amounts are minor units of `currency`. */
export interface Payment {
  id: string;
  tenantId: string;
  clientId: string;
  /** What was received. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** card, ach, check, bank_transfer, cash, … (free text, lower case). */
  method: string;
  status: PaymentStatus;
  receivedAt: Date;
  receivedByUserId?: string;
  /** The provider's id (Stripe PaymentIntent `pi_…`); unique per tenant. */
  gatewayTransactionId?: string;
  /** Applied to invoices and not taken back by a refund. */
  amountApplied: number;
  amountRefunded: number;
  /** Still to apply: amount − refunded − applied. */
  unapplied: number;
}

export interface RecordPaymentInput {
  clientId: string;
  amount: number;
  currency: string;
  method: string;
  /** Default: now (the emission clock). */
  receivedAt?: Date;
  gatewayTransactionId?: string;
}

/** record()'s answer: `recorded` is false when the gateway transaction was recorded before (no event). */
export interface PaymentRecording {
  payment: Payment;
  recorded: boolean;
}

export interface ApplicationInput {
  invoiceId: string;
  /** Minor units, > 0, at most the invoice's balance. */
  amount: number;
}

export interface PaymentApplication {
  payment: Payment;
  applications: Array<{ invoiceId: string; amountApplied: number }>;
  byUserId: string;
  at: Date;
  moves: InvoiceStatusMove[];
}

export interface RefundInput {
  /** Minor units to refund (default: everything not refunded yet). */
  amount?: number;
  /**
   * Instead of `amount`: the payment's total refunded after this refund (a provider's cumulative
   * `amount_refunded`); a total already reached is a no-op.
   */
  refundedTotal?: number;
  reason?: string;
}

export interface PaymentRefund {
  payment: Payment;
  /** 0 when nothing was refunded (no event). */
  amount: number;
  reason?: string;
  byUserId: string;
  at: Date;
  /** Invoices whose applied money the refund took back (newest application first). */
  moves: InvoiceStatusMove[];
}

export interface RecordFailureInput {
  clientId: string;
  amount: number;
  currency: string;
  method: string;
  invoiceId?: string;
  paymentId?: string;
  failureCode?: string;
  failureMessage?: string;
  retryable?: boolean;
  gatewayTransactionId?: string;
}

export interface PaymentFailure extends RecordFailureInput {
  id: string;
  tenantId: string;
  failedAt: Date;
}
