import { EmissionContextView, iso } from '../../../lib/kit';
import { DueDateChange, InvoiceSending, InvoiceStatusMove, InvoiceWriteOff } from './invoice';

/**
 * The actor fields of a payload whose spec field is `actorUserId`: the attributed user, and for
 * automatic moves actorType SYSTEM (CONTACT when a client contact's action caused it).
 */
export const attributedActor = (byUserId: string, automatic: boolean, ctx: EmissionContextView) =>
  automatic
    ? ctx.actorType === 'CONTACT' || (!ctx.actorType && ctx.actorContactId)
      ? { actorUserId: byUserId, actorContactId: ctx.actorContactId, actorType: 'CONTACT' as const }
      : { actorUserId: byUserId, actorType: 'SYSTEM' as const }
    : { actorUserId: byUserId, actorType: 'USER' as const };

const statusChanged = (m: InvoiceStatusMove, ctx: EmissionContextView) => ({
  tenantId: m.tenantId,
  invoiceId: m.invoiceId,
  previousStatus: m.previousStatus,
  newStatus: m.newStatus,
  changedAt: iso(m.at),
  ...attributedActor(m.byUserId, m.automatic, ctx),
});

/** INVOICE_STATUS_CHANGED, one per status move an action caused (none when it moved nothing). */
export const invoiceStatusChanges = (change: { moves: InvoiceStatusMove[] } | undefined, _args: unknown, ctx: EmissionContextView) =>
  change?.moves.length ? change.moves.map((m) => statusChanged(m, ctx)) : undefined;


export const invoiceSent = (s: InvoiceSending) => ({
  invoiceId: s.invoice.id,
  clientId: s.invoice.clientId,
  sentByUserId: s.sentByUserId,
  sentAt: iso(s.sentAt),
  deliveryMethod: s.invoice.deliveryMethod!,
});

export const invoiceDueDateChanged = (c: DueDateChange, _args: unknown, ctx: EmissionContextView) =>
  c.changed
    ? {
        invoiceId: c.invoice.id,
        previousDueDate: c.previousDueDate!,
        newDueDate: c.newDueDate,
        changedAt: iso(c.at),
        ...attributedActor(c.byUserId, false, ctx),
      }
    : undefined;

export const invoiceWrittenOff = (w: InvoiceWriteOff) => ({
  invoiceId: w.invoice.id,
  actorUserId: w.byUserId,
  actorType: 'USER' as const,
  writtenOffAt: iso(w.at),
  amountWrittenOff: w.amountWrittenOff,
  currency: w.invoice.currency,
  reason: w.reason,
});
