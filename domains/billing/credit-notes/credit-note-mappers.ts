import { iso } from '../../../lib/kit';
import { CreditNote, CreditNoteApplication } from './credit-note';

export const creditNoteCreated = (n: CreditNote) => ({
  creditNoteId: n.id,
  clientId: n.clientId,
  createdByUserId: n.createdByUserId,
  createdAt: iso(n.createdAt),
  amount: n.amount,
  currency: n.currency,
  status: n.status,
});

export const creditNoteApplied = (a: CreditNoteApplication) => ({
  creditNoteId: a.creditNote.id,
  invoiceId: a.invoiceId,
  appliedByUserId: a.byUserId,
  appliedAt: iso(a.at),
  amountApplied: a.amountApplied,
  currency: a.creditNote.currency,
});

export const creditNoteVoided = (n: CreditNote) => ({
  creditNoteId: n.id,
  voidedByUserId: n.voidedByUserId!,
  voidedAt: iso(n.voidedAt!),
  reason: n.voidReason,
});
