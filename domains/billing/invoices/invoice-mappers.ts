import { EmissionContextView } from '../../../lib/kit';
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
