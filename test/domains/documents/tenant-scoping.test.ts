import { expect } from 'chai';
import { AssetService, OwnershipService } from '../../../domains/assets';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { jpeg, pdf } from '../assets/sample-files';
import { DocumentDesk } from './document-desk';

/**
 * The one deliberate exception: whether stored content is still used is asked across tenants
 * (identical bytes are stored once, whoever uploads them), by storage key alone.
 */
const crossTenantReferenceCheck = (sql: string) => /where \w*\.?storage_key = (\?|\$\d+)( and \w*\.?deleted_at is null)? limit (\?|\$\d+)$/i.test(sql);

forEachDatabase('assets and documents: every statement is scoped by tenant', (target) => {
  let desk: DocumentDesk;
  beforeEach(async () => (desk = await DocumentDesk.create(target)));
  afterEach(() => desk.close());

  it("a tenant's day of assets, media and documents sends no unscoped statement", async () => {
    const [photo, paper] = [await jpeg(300, 200), await pdf('Warranty certificate')];
    const ticket = await desk.ticket();
    const unscoped = await unscopedQueries(desk.kit.db, async () => {
      await desk.run(async () => {
        const assets = desk.kit.resolve(AssetService);
        const asset = await assets.create({ name: 'Printer', clientId: desk.client.id });
        await assets.update(asset.id, { serialNumber: 'PR-77' });
        await desk.kit.resolve(OwnershipService).assign(asset.id, { type: 'contact', id: desk.contact.id });
        await desk.kit.resolve(OwnershipService).unassign(asset.id);
        await desk.media.upload({ file: photo, fileName: 'printer.jpg', assetId: asset.id });
        const doc = await desk.documents.upload({ file: paper, fileName: 'warranty.pdf' });
        await desk.associations.associate(doc.id, { entityType: 'asset', entityId: asset.id });
        await desk.associations.associate(doc.id, { entityType: 'ticket', entityId: ticket.id });
        await desk.associations.detach(doc.id, { entityType: 'ticket', entityId: ticket.id });
        const invoice = await desk.invoices.generate({ clientId: desk.client.id, lines: [{ description: 'Toner', quantity: 1, unitPrice: 5000 }] });
        await desk.generator.generateInvoicePdf(invoice.id);
        await desk.documents.delete(doc.id);
      });
      await desk.kit.settle();
    });
    expect(unscoped.filter((sql) => !crossTenantReferenceCheck(sql))).to.deep.equal([]);
    expect(unscoped.filter(crossTenantReferenceCheck), 'the reference checks ran').to.have.length.greaterThan(0);
  });
});
