import { injectable } from 'tsyringe';
import { actionTime, BlobStore, currentTenant, currentUserId, EmitsEvent } from '../../../lib/kit';
import { InvoiceService } from '../../billing';
import { ClientNotFoundError, ClientService } from '../../crm';
import { DocumentWriter } from '../documents/document-writer';
import { GeneratedDocument } from './generation';
import { documentGenerated } from './generation-mappers';
import { renderInvoicePdf } from './invoice-pdf';

/** Documents the system renders from other modules' records, read through their public services. */
@injectable()
export class DocumentGenerator {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly clients: ClientService,
    private readonly blobs: BlobStore,
    private readonly writer: DocumentWriter,
  ) {}

  /**
   * Renders the invoice (billing's InvoiceService.get; InvoiceNotFoundError for an unknown one) as
   * a PDF named `invoice-<number>.pdf`, stores it and records a document with the invoice as its
   * source (DOCUMENT_GENERATED). The client's name comes from CRM when it knows the client.
   */
  @EmitsEvent('DOCUMENT_GENERATED', documentGenerated)
  async generateInvoicePdf(invoiceId: string): Promise<GeneratedDocument> {
    currentTenant('DocumentGenerator.generateInvoicePdf');
    const invoice = await this.invoices.get(invoiceId);
    const client = await this.clients.get(invoice.clientId).catch((err) => (err instanceof ClientNotFoundError ? undefined : Promise.reject(err)));
    const pdf = await renderInvoicePdf(invoice, actionTime(), client?.name);
    const stored = await this.blobs.put(pdf);
    const userId = currentUserId();
    const document = await this.writer.insert(
      { fileName: `invoice-${invoice.invoiceNumber}.pdf`, contentType: 'application/pdf', sizeBytes: stored.size, storageKey: stored.key },
      { uploadedByUserId: userId, sourceType: 'invoice', sourceId: invoice.id },
    );
    return { document, sourceType: 'invoice', sourceId: invoice.id, generatedByUserId: userId };
  }
}
