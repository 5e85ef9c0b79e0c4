import { InvoiceStatusMove } from '../invoices/invoice';

/** open: credit left to apply; applied: all of it used; voided: cancelled before any use. */
export type CreditNoteStatus = 'open' | 'applied' | 'voided';

/** Credit issued to a client, in minor units of `currency`. */
export interface CreditNote {
  id: string;
  tenantId: string;
  clientId: string;
  /** The invoice it was issued against, if any (a standalone credit has none). */
  sourceInvoiceId?: string;
  amount: number;
  currency: string;
  amountApplied: number;
  /** amount − applied. */
  remaining: number;
  status: CreditNoteStatus;
  reason?: string;
  createdAt: Date;
  createdByUserId: string;
  voidedAt?: Date;
  voidedByUserId?: string;
  voidReason?: string;
}

export interface CreateCreditNoteInput {
  /** Required for a standalone credit; taken from the invoice when `invoiceId` is given. */
  clientId?: string;
  /** Minor units, > 0; at most the invoice's total when issued against one. */
  amount: number;
  /** Required for a standalone credit; must be the invoice's when `invoiceId` is given. */
  currency?: string;
  invoiceId?: string;
  reason?: string;
}

export interface CreditNoteApplication {
  creditNote: CreditNote;
  invoiceId: string;
  amountApplied: number;
  byUserId: string;
  at: Date;
  moves: InvoiceStatusMove[];
}
