import { v4 as uuidv4 } from 'uuid';
import { DemoStory } from '../../lib/kit';
import { InvoiceService } from './invoices/invoice-service';

/** An invoice drafted for emergency support and locked for sending. */
export const billingDemo: DemoStory = {
  title: 'Billing: an invoice for emergency support',
  async run(demo) {
    const invoices = demo.resolve(InvoiceService);
    demo.say('The emergency work is billed: a draft invoice, then finalized.');
    const invoice = await invoices.generate({ clientId: uuidv4(), lines: [{ description: 'Emergency support', quantity: 1, unitPrice: 18000 }] });
    await invoices.finalize(invoice.id);
  },
};
