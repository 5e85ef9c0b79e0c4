import { PDFParse } from 'pdf-parse';
import { AssetService, MediaFileService, UploadLimits } from '../../../domains/assets';
import { InvoiceService } from '../../../domains/billing';
import { Client, ClientService, Contact, ContactService } from '../../../domains/crm';
import { AssociationService, DocumentGenerator, DocumentService, documentsModule } from '../../../domains/documents';
import { ProjectService } from '../../../domains/projects';
import { TicketService, TicketSetupService } from '../../../domains/tickets';
import { EmissionContextInit } from '../../../lib/emission/emission-context';
import { LocalBlobStore } from '../../../lib/blobs';
import { createTestKit, TestKit } from '../../../lib/testing';
import { DatabaseTarget } from '../../support/databases';

/** One tenant's document desk: the documents module with the modules it links to, and a client with a contact. */
export class DocumentDesk {
  readonly documents: DocumentService;
  readonly associations: AssociationService;
  readonly generator: DocumentGenerator;
  readonly invoices: InvoiceService;
  readonly media: MediaFileService;
  readonly limits: UploadLimits;
  client!: Client;
  contact!: Contact;

  private constructor(readonly kit: TestKit) {
    this.documents = kit.resolve(DocumentService);
    this.associations = kit.resolve(AssociationService);
    this.generator = kit.resolve(DocumentGenerator);
    this.invoices = kit.resolve(InvoiceService);
    this.media = kit.resolve(MediaFileService);
    this.limits = kit.resolve(UploadLimits);
  }

  static async create(target: DatabaseTarget): Promise<DocumentDesk> {
    const desk = new DocumentDesk(await createTestKit({ modules: [documentsModule], databaseUrl: target.url }));
    desk.client = await desk.run(() => desk.kit.resolve(ClientService).create({ name: 'Acme Dental' }));
    desk.contact = await desk.run(() => desk.kit.resolve(ContactService).create({ clientId: desk.client.id, fullName: 'Dana Reyes' }));
    return desk;
  }

  run<T>(fn: () => Promise<T>, ctx: EmissionContextInit = {}): Promise<T> {
    return this.kit.run(fn, ctx);
  }

  async refusal(fn: () => Promise<unknown>, ctx: EmissionContextInit = {}): Promise<any> {
    return this.run(fn, ctx).then(
      (r) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
      },
      (err) => err,
    );
  }

  /** A ticket of the desk's client (the tenant's first board, status and priority made on the way). */
  async ticket(): Promise<{ id: string }> {
    return this.run(async () => {
      const setup = this.kit.resolve(TicketSetupService);
      await setup.createStatus({ name: 'New', isDefault: true, order: 1 });
      const priority = await setup.createPriority({ name: 'Normal', order: 1 });
      const board = await setup.createBoard({ name: 'Service Desk', tier: 1 });
      return this.kit.resolve(TicketService).create({ title: 'Scanner offline', clientId: this.client.id, boardId: board.id, priorityId: priority.id });
    });
  }

  project(): Promise<{ id: string }> {
    return this.run(() => this.kit.resolve(ProjectService).create({ clientId: this.client.id, name: 'Office move' }));
  }

  asset(): Promise<{ id: string }> {
    return this.run(() => this.kit.resolve(AssetService).create({ name: 'Scanner', clientId: this.client.id }));
  }

  /** Whether the blob store still holds `storageKey`. */
  stored(storageKey: string): Promise<boolean> {
    return this.kit.runtime.blobStore.has(storageKey);
  }

  /** Files in the blob store's directory (temporary ones included). */
  blobCount(): number {
    const fs = require('node:fs') as typeof import('node:fs');
    const dir = (this.kit.runtime.blobStore as LocalBlobStore).dir;
    return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]).filter((e) => e.isFile()).length : 0;
  }

  close(): Promise<void> {
    return this.kit.close();
  }
}

/** Pages and text of a PDF, read back with pdf-parse (pdf.js). */
export async function readPdf(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { pages: result.total, text: result.text };
  } finally {
    await parser.destroy();
  }
}
