import PDFDocument from 'pdfkit';
import { Invoice } from '../../billing';

/** Currency amounts in minor units as people read them: `18000` USD → `$180.00` (Intl, the currency's own decimals). */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * An invoice as a one-or-more page A4 PDF (pdfkit, built-in Helvetica, so Latin-1 text only): number,
 * status, client, due date, lines with quantity, unit price and amount, the total, and what was paid,
 * credited or written off with the balance due. `at` is written as the PDF's
 * creation date, so the same invoice rendered at the same time gives the same bytes.
 */
export function renderInvoicePdf(invoice: Invoice, at: Date, clientName?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.invoiceNumber}`, CreationDate: at, ModDate: at, Producer: 'workflow-events' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const money = (m: number) => formatMoney(m, invoice.currency);

    doc.fontSize(20).text(`Invoice ${invoice.invoiceNumber}`);
    doc.moveDown(0.5).fontSize(10);
    doc.text(`Status: ${invoice.status}`);
    doc.text(`Client: ${clientName ?? invoice.clientId}`);
    if (invoice.finalizedAt) doc.text(`Finalized: ${invoice.finalizedAt.toISOString().slice(0, 10)}`);
    doc.text(`Issued: ${at.toISOString().slice(0, 10)}`);
    if (invoice.dueDate) doc.text(`Due: ${invoice.dueDate}`);
    doc.moveDown();

    const cols = { description: 50, quantity: 330, unit: 390, amount: 470 };
    const row = (d: string, q: string, u: string, a: string, bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(d, cols.description, y, { width: 270 });
      const after = doc.y;
      doc.text(q, cols.quantity, y, { width: 50, align: 'right' });
      doc.text(u, cols.unit, y, { width: 70, align: 'right' });
      doc.text(a, cols.amount, y, { width: 75, align: 'right' });
      doc.x = cols.description;
      doc.y = Math.max(after, doc.y) + 4;
    };
    row('Description', 'Qty', 'Unit price', 'Amount', true);
    for (const line of invoice.lines) row(line.description, String(line.quantity), money(line.unitPrice), money(line.quantity * line.unitPrice));
    doc.moveDown();
    row('Total', '', '', money(invoice.totalAmount), true);
    if (invoice.amountPaid) row('Paid', '', '', `-${money(invoice.amountPaid)}`);
    if (invoice.amountCredited) row('Credited', '', '', `-${money(invoice.amountCredited)}`);
    if (invoice.amountWrittenOff) row('Written off', '', '', `-${money(invoice.amountWrittenOff)}`);
    if (invoice.balance !== invoice.totalAmount) row('Balance due', '', '', money(invoice.balance), true);
    doc.end();
  });
}
