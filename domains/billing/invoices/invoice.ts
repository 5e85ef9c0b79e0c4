/**
 * Where an invoice is in its life. draft → finalized → sent → partially_paid → paid; a sent or
 * partly paid invoice past its due date with a balance is overdue; an open balance may be
 * written_off; an invoice nothing was paid or credited on may be void.
 */
export const INVOICE_STATUSES = ['draft', 'finalized', 'sent', 'partially_paid', 'paid', 'overdue', 'written_off', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const DELIVERY_METHODS = ['email', 'portal', 'print'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface InvoiceLine {
  description: string;
  quantity: number;
  /** Minor units of the invoice's currency (cents). */
  unitPrice: number;
}

export interface Invoice {
  id: string;
  tenantId: string;
  clientId: string;
  invoiceNumber: string;
  status: InvoiceStatus;
  /** ISO 4217, upper case. */
  currency: string;
  /** Minor units (cents). */
  totalAmount: number;
  /** Minor units received from payments and still applied (refunds take it back). */
  amountPaid: number;
  /** Minor units covered by credit notes. */
  amountCredited: number;
  /** Minor units written off as uncollectible. */
  amountWrittenOff: number;
  /** What the client still owes: total − paid − credited − written off, in minor units. */
  balance: number;
  /** YYYY-MM-DD, the tenant's calendar day by which payment is due. */
  dueDate?: string;
  createdByUserId?: string;
  finalizedAt?: Date;
  /** Who finalized it (the billing automation user for an automatic finalization). */
  finalizedByUserId?: string;
  sentAt?: Date;
  sentByUserId?: string;
  deliveryMethod?: DeliveryMethod;
  /** Addresses the last sending went to (email), empty for portal and print. */
  recipients: string[];
  writtenOffAt?: Date;
  writeOffReason?: string;
  voidedAt?: Date;
  /** The due date INVOICE_OVERDUE last fired for (the sweeper's claim). */
  overdueNotifiedFor?: string;
  lines: InvoiceLine[];
}

export interface GenerateInvoiceInput {
  clientId: string;
  /** ISO 4217, upper case. Default USD. */
  currency?: string;
  /** YYYY-MM-DD. */
  dueDate?: string;
  lines: InvoiceLine[];
}

/** One invoice moving from one status to another, by whom and when (INVOICE_STATUS_CHANGED). */
export interface InvoiceStatusMove {
  invoiceId: string;
  tenantId: string;
  previousStatus: InvoiceStatus;
  newStatus: InvoiceStatus;
  /** The user the move is attributed to (see BillingSettings.automationUserId for automatic moves). */
  byUserId: string;
  at: Date;
  /** True when no person acted (webhook, sweep): the payload's actorType is SYSTEM. */
  automatic: boolean;
}

/** What an invoice action did: the invoice after it, and the status moves it caused (none for a no-op). */
export interface InvoiceChange {
  invoice: Invoice;
  moves: InvoiceStatusMove[];
}

export interface SendInvoiceInput {
  deliveryMethod: DeliveryMethod;
  /** Required for email (at least one address); ignored for portal and print. */
  recipients?: string[];
}

export interface InvoiceSending extends InvoiceChange {
  sentAt: Date;
  sentByUserId: string;
}

export interface DueDateChange extends InvoiceChange {
  previousDueDate?: string;
  newDueDate: string;
  byUserId: string;
  at: Date;
  /** False for a save that set the date it already had: no event. */
  changed: boolean;
}

export interface InvoiceWriteOff extends InvoiceChange {
  amountWrittenOff: number;
  byUserId: string;
  at: Date;
  reason?: string;
}

/** One invoice this sweep declared overdue. */
export interface OverdueFinding {
  tenantId: string;
  invoiceId: string;
  clientId: string;
  dueDate: string;
  amountDue: number;
  currency: string;
  daysOverdue: number;
  at: Date;
  move?: InvoiceStatusMove;
}
