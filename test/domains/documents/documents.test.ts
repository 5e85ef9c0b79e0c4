import { expect } from 'chai';
import { Readable } from 'node:stream';
import { v4 as uuidv4 } from 'uuid';
import { FileIntake, UploadInputError, UploadRaceError, UploadTooLargeError, UploadTypeMismatchError } from '../../../domains/assets';
import { DocumentNotFoundError } from '../../../domains/documents';
import { forEachDatabase } from '../../support/databases';
import { jpeg, noisyJpeg, pdf, png } from '../assets/sample-files';
import { DocumentDesk } from './document-desk';

forEachDatabase('documents: upload and delete', (target) => {
  let desk: DocumentDesk;
  beforeEach(async () => (desk = await DocumentDesk.create(target)));
  afterEach(() => desk.close());
  const at = (iso: string) => ({ clock: () => new Date(iso) });

  it('upload stores a real PDF and emits DOCUMENT_UPLOADED', async () => {
    const bytes = await pdf('Signed maintenance contract');
    const doc = await desk.run(() => desk.documents.upload({ file: Readable.from([bytes]), fileName: 'Contract 2026.pdf', contentType: 'application/pdf' }), at('2026-05-05T12:00:00Z'));
    expect(doc).to.include({ fileName: 'Contract 2026.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, uploadedByUserId: desk.kit.actorUserId });
    expect(desk.kit.events).to.have.emitted('DOCUMENT_UPLOADED').withPayload({
      documentId: doc.id,
      uploadedByUserId: desk.kit.actorUserId,
      uploadedAt: '2026-05-05T12:00:00.000Z',
      fileName: 'Contract 2026.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      storageKey: doc.storageKey,
    }).times(1);
    expect((await desk.kit.runtime.blobStore.read(doc.storageKey)).equals(bytes)).to.equal(true);
    expect(desk.kit.events.ofType('FILE_UPLOADED')).to.be.empty;
  });

  it('contradicting bytes, an oversized file and bad names are refused: nothing stored, nothing emitted', async () => {
    expect(await desk.refusal(() => desk.documents.upload({ file: Buffer.from('%PDF'.padEnd(40, ' ')), fileName: 'x.pdf', contentType: 'image/png' }))).to.be.instanceOf(UploadTypeMismatchError);
    expect(await desk.refusal(async () => desk.documents.upload({ file: await png(), fileName: 'scan.pdf', contentType: 'application/pdf' }))).to.be.instanceOf(UploadTypeMismatchError);
    await desk.run(() => desk.limits.setLimit(20_000));
    const big = await noisyJpeg(300, 200);
    expect(await desk.refusal(() => desk.documents.upload({ file: Readable.from([big.subarray(0, 8000), big.subarray(8000)]), fileName: 'photo.jpg' }))).to.be.instanceOf(UploadTooLargeError);
    expect((await desk.refusal(async () => desk.documents.upload({ file: await jpeg(20, 20), fileName: '/\u0007/' }))).field).to.equal('fileName');
    expect(await desk.refusal(() => desk.documents.upload({ file: Buffer.alloc(0), fileName: 'empty.pdf' }))).to.be.instanceOf(UploadInputError);
    expect(desk.blobCount()).to.equal(0);
    expect(await desk.kit.db('documents').count({ n: '*' }).then(([r]) => Number(r.n))).to.equal(0);
    expect(desk.kit.events.types().filter((t) => t.startsWith('DOCUMENT_'))).to.deep.equal([]);
  });

  it('delete emits DOCUMENT_DELETED and removes the bytes; the document is gone, a second delete is refused', async () => {
    const doc = await desk.run(async () => desk.documents.upload({ file: await pdf('Old quote'), fileName: 'quote.pdf' }));
    await desk.run(() => desk.documents.delete(doc.id, { reason: ' Uploaded to the wrong client ' }), at('2026-05-06T08:00:00Z'));
    expect(desk.kit.events).to.have.emitted('DOCUMENT_DELETED').withPayload({
      documentId: doc.id,
      deletedByUserId: desk.kit.actorUserId,
      deletedAt: '2026-05-06T08:00:00.000Z',
      reason: 'Uploaded to the wrong client',
    }).times(1);
    expect(await desk.stored(doc.storageKey)).to.equal(false);
    expect(await desk.refusal(() => desk.documents.get(doc.id))).to.be.instanceOf(DocumentNotFoundError);
    expect(await desk.refusal(() => desk.documents.delete(doc.id))).to.be.instanceOf(DocumentNotFoundError);
    expect(await desk.refusal(() => desk.documents.delete(uuidv4()))).to.be.instanceOf(DocumentNotFoundError);
    expect(desk.kit.events.ofType('DOCUMENT_DELETED')).to.have.length(1);
  });

  it('identical bytes are kept while another document (any tenant) or a media file still uses them', async () => {
    const bytes = await pdf('Network diagram');
    const mine = await desk.run(() => desk.documents.upload({ file: bytes, fileName: 'a.pdf' }));
    const theirs = await desk.run(() => desk.documents.upload({ file: bytes, fileName: 'b.pdf' }), { tenantId: uuidv4() });
    expect(theirs.storageKey).to.equal(mine.storageKey);
    await desk.run(() => desk.documents.delete(mine.id));
    expect(await desk.stored(mine.storageKey)).to.equal(true);

    const photo = await jpeg(200, 150);
    const asDocument = await desk.run(() => desk.documents.upload({ file: photo, fileName: 'photo.jpg' }));
    await desk.run(() => desk.media.upload({ file: photo, fileName: 'photo.jpg' }));
    await desk.run(() => desk.documents.delete(asDocument.id));
    expect(await desk.stored(asDocument.storageKey)).to.equal(true);

    await desk.run(() => desk.documents.delete(theirs.id), { tenantId: theirs.tenantId });
    expect(await desk.stored(mine.storageKey)).to.equal(false);
  });

  it('content removed between storing and recording an upload is refused as a race, and nothing is recorded', async () => {
    const bytes = await pdf('Same bytes');
    const first = await desk.run(() => desk.documents.upload({ file: bytes, fileName: 'first.pdf' }));
    // The second upload's bytes are stored (same key), then the only document using them is deleted.
    const stored = await desk.run(() => desk.kit.resolve(FileIntake).store({ file: bytes, fileName: 'second.pdf' }));
    await desk.run(() => desk.documents.delete(first.id));
    expect(await desk.stored(stored.storageKey)).to.equal(false);
    expect(await desk.refusal(() => desk.documents.record(stored))).to.be.instanceOf(UploadRaceError);
    expect(desk.kit.events.ofType('DOCUMENT_UPLOADED')).to.have.length(1);
    // Sending it again works.
    const again = await desk.run(() => desk.documents.upload({ file: bytes, fileName: 'second.pdf' }));
    expect(await desk.stored(again.storageKey)).to.equal(true);
  });

  it("another tenant cannot read or delete the tenant's documents", async () => {
    const doc = await desk.run(async () => desk.documents.upload({ file: await pdf('Private'), fileName: 'p.pdf' }));
    const other = { tenantId: uuidv4() };
    expect(await desk.refusal(() => desk.documents.get(doc.id), other)).to.be.instanceOf(DocumentNotFoundError);
    expect(await desk.refusal(() => desk.documents.delete(doc.id), other)).to.be.instanceOf(DocumentNotFoundError);
    expect(await desk.stored(doc.storageKey)).to.equal(true);
  });

  it('DOCUMENT_UPLOADED arrives at the worker through the bus', async () => {
    const bytes = await pdf('Runbook');
    const arrived = await desk.kit
      .scenario(() => desk.run(() => desk.documents.upload({ file: bytes, fileName: 'runbook.pdf' })))
      .expect('DOCUMENT_UPLOADED')
      .toArrive();
    expect(arrived.schemaRef).to.equal('payload.DocumentUploaded.v1');
  });

  if (target.name === 'postgres') {
    it('two concurrent deletes: one wins, one event; the bytes go once', async () => {
      const doc = await desk.run(async () => desk.documents.upload({ file: await pdf('Twice'), fileName: 't.pdf' }));
      const results = await Promise.allSettled([desk.run(() => desk.documents.delete(doc.id)), desk.run(() => desk.documents.delete(doc.id))]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(DocumentNotFoundError);
      expect(desk.kit.events.ofType('DOCUMENT_DELETED')).to.have.length(1);
      expect(await desk.stored(doc.storageKey)).to.equal(false);
    });
  }
});
