export type InvoiceStatus = 'draft' | 'finalized';

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
  createdByUserId?: string;
  finalizedAt?: Date;
  lines: InvoiceLine[];
}

export interface GenerateInvoiceInput {
  clientId: string;
  /** ISO 4217, upper case. Default USD. */
  currency?: string;
  lines: InvoiceLine[];
}
