import { DemoStory } from '../../lib/kit';
import { InvoiceService } from '../billing';
import { ClientService } from '../crm';
import { AssociationService } from './associations/association-service';
import { DocumentService } from './documents/document-service';
import { DocumentGenerator } from './generation/document-generator';

/** The month's invoice rendered as a PDF and filed on the client; a mistaken upload removed. */
export const documentsDemo: DemoStory = {
  title: 'Documents: an invoice PDF for the client file',
  async run(demo) {
    const client = await demo.resolve(ClientService).create({ name: 'Bayside Accounting' });
    const invoices = demo.resolve(InvoiceService);
    const invoice = await invoices.generate({
      clientId: client.id,
      lines: [
        { description: 'Managed services, 12 seats', quantity: 12, unitPrice: 4500 },
        { description: 'Firewall replacement', quantity: 1, unitPrice: 89000 },
      ],
    });
    await invoices.finalize(invoice.id);
    demo.say(`Invoice ${invoice.invoiceNumber} is rendered as a PDF from the billing module and filed on the client.`);
    const { document } = await demo.resolve(DocumentGenerator).generateInvoicePdf(invoice.id);
    const associations = demo.resolve(AssociationService);
    await associations.associate(document.id, { entityType: 'client', entityId: client.id });
    demo.say(`${document.fileName}: ${document.sizeBytes} bytes of ${document.contentType}, stored as ${document.storageKey.slice(0, 19)}…`);

    demo.say('A copy uploaded by hand is filed twice by mistake (the second link changes nothing), then deleted.');
    const bytes = await demo.runtime.blobStore.read(document.storageKey);
    const copy = await demo.resolve(DocumentService).upload({ file: bytes, fileName: `copy of ${document.fileName}`, contentType: 'application/pdf' });
    await associations.associate(copy.id, { entityType: 'client', entityId: client.id });
    await associations.associate(copy.id, { entityType: 'client', entityId: client.id });
    await demo.resolve(DocumentService).delete(copy.id, { reason: 'Duplicate of the generated invoice' });
    const kept = await demo.runtime.blobStore.has(document.storageKey);
    demo.say(`The generated invoice shares the copy's bytes, so they stay stored: ${kept ? 'yes' : 'NO'}.`);
  },
};
