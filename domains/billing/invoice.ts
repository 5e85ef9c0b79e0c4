export type InvoiceStatus = 'draft' | 'finalized';

export interface InvoiceLine {
  description: string;
  quantity: number;
  /** Minor units (cents). */
  unitPrice: number;
}

export interface Invoice {
  id: string;
  tenantId: string;
  clientId: string;
  invoiceNumber: string;
  status: InvoiceStatus;
  currency: string;
  /** Minor units (cents). */
  totalAmount: number;
  createdByUserId?: string;
  finalizedAt?: Date;
  lines: InvoiceLine[];
}

export class InvoiceNotFoundError extends Error {
  readonly code = 'INVOICE_NOT_FOUND';
  constructor(readonly invoiceId: string) {
    super(`Invoice ${invoiceId} does not exist`);
    this.name = 'InvoiceNotFoundError';
  }
}

export class InvoiceStateError extends Error {
  readonly code = 'INVOICE_STATE';
  constructor(
    readonly invoiceId: string,
    readonly status: InvoiceStatus,
    action: string,
  ) {
    super(`Cannot ${action} invoice ${invoiceId}: it is ${status}`);
    this.name = 'InvoiceStateError';
  }
}

/** generate() refused its input before writing anything; `field` names what is wrong (`currency`, `lines[1].quantity`, …). */
export class InvoiceInputError extends Error {
  readonly code = 'INVOICE_INPUT_INVALID';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid invoice input: ${field} ${reason}`);
    this.name = 'InvoiceInputError';
  }
}
