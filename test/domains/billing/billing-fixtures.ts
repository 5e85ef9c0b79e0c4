import { v4 as uuidv4 } from 'uuid';
import { Invoice, InvoiceLifecycleService, InvoiceService } from '../../../domains/billing';
import { TestKit } from '../../../lib/testing';

export interface IssueOptions {
  clientId?: string;
  total?: number;
  currency?: string;
  dueDate?: string;
  /** Stop after finalize (default: sent by email). */
  send?: boolean;
  tenantId?: string;
}

/** A finalized and (by default) sent invoice of one line, as the kit's user. */
export async function issueInvoice(kit: TestKit, o: IssueOptions = {}): Promise<Invoice> {
  const invoices = kit.resolve(InvoiceService);
  const lifecycle = kit.resolve(InvoiceLifecycleService);
  const ctx = o.tenantId ? { tenantId: o.tenantId } : {};
  const draft = await kit.run(
    () => invoices.generate({ clientId: o.clientId ?? uuidv4(), currency: o.currency ?? 'USD', dueDate: o.dueDate ?? '2030-01-31', lines: [{ description: 'Managed services', quantity: 1, unitPrice: o.total ?? 10000 }] }),
    ctx,
  );
  await kit.run(() => invoices.finalize(draft.id), ctx);
  if (o.send === false) return kit.run(() => invoices.get(draft.id), ctx);
  const sent = await kit.run(() => lifecycle.send(draft.id, { deliveryMethod: 'email', recipients: ['ap@client.example'] }), ctx);
  return sent.invoice;
}

/** The emission context of a job that runs for no one (sweeps, webhooks). */
export const SYSTEM = { actorUserId: undefined, actorContactId: undefined, actorType: 'SYSTEM' as const };

/** A fixed emission clock. */
export const at = (isoTime: string) => ({ clock: () => new Date(isoTime) });
