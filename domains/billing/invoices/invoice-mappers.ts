import { EmissionContextView, iso } from '../../../lib/kit';
import { attributedActor } from './invoice-lifecycle-mappers';
import { Invoice } from './invoice';

/** The invoice as every invoice lifecycle event reports it. */
export const invoiceLifecycle = (invoice: Invoice, _args: unknown, ctx: EmissionContextView) => ({
  tenantId: invoice.tenantId,
  invoiceId: invoice.id,
  clientId: invoice.clientId,
  userId: ctx.actorUserId,
  totalAmount: invoice.totalAmount,
  status: invoice.status,
  invoiceNumber: invoice.invoiceNumber,
});

/** INVOICE_STATUS_CHANGED draft → finalized, beside INVOICE_FINALIZED. */
export const invoiceFinalizedStatus = (invoice: Invoice, _args: unknown, ctx: EmissionContextView) => ({
  tenantId: invoice.tenantId,
  invoiceId: invoice.id,
  previousStatus: 'draft',
  newStatus: invoice.status,
  changedAt: iso(invoice.finalizedAt!),
  ...attributedActor(invoice.finalizedByUserId!, !(ctx.actorUserId && ctx.actorType !== 'SYSTEM' && ctx.actorType !== 'CONTACT'), ctx),
});
