import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { v4 as uuidv4 } from 'uuid';
import {
  AssetNotFoundError,
  MediaFileService,
  MediaProcessingService,
  UploadInputError,
  UploadLimits,
  UploadTooLargeError,
  UploadTypeMismatchError,
} from '../../../domains/assets';
import { LocalBlobStore } from '../../../lib/blobs';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';
import { corruptPng, jpeg, noisyJpeg, pdf, png, svg, truncatedJpeg } from './sample-files';

/** Every stored content file of the kit's blob store (temporary files included). */
function storedFiles(desk: AssetDesk): string[] {
  const dir = (desk.kit.runtime.blobStore as LocalBlobStore).dir;
  const walk = (d: string): string[] => (fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)])) : []);
  return walk(dir);
}

forEachDatabase('assets: media uploads and processing', (target) => {
  let desk: AssetDesk;
  let files: MediaFileService;
  let processing: MediaProcessingService;
  beforeEach(async () => {
    desk = await AssetDesk.create(target, { thumbnailSize: 128, previewSize: 512, maxInputPixels: 4_000_000 });
    files = desk.kit.resolve(MediaFileService);
    processing = desk.kit.resolve(MediaProcessingService);
  });
  afterEach(() => desk.close());
  const at = (iso: string) => ({ clock: () => new Date(iso) });
  const upload = (file: Buffer | Readable, fileName: string, contentType?: string, assetId?: string) => desk.run(() => files.upload({ file, fileName, contentType, assetId }), at('2026-05-04T10:00:00Z'));

  it('FILE_UPLOADED for a JPEG of an asset; the handler makes a thumbnail and preview (MEDIA_PROCESSING_SUCCEEDED)', async () => {
    const asset = await desk.run(() => desk.assets.create({ name: 'Edge router' }));
    const bytes = await jpeg(1600, 1200);
    const file = await upload(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 'router front.JPG', 'image/jpg', asset.id);
    expect(file).to.include({ assetId: asset.id, fileName: 'router front.JPG', contentType: 'image/jpeg', sizeBytes: bytes.length, status: 'uploaded' });
    expect(file.storageKey).to.match(/^sha256:[0-9a-f]{64}$/);
    expect(desk.kit.events).to.have.emitted('FILE_UPLOADED').withPayload({
      fileId: file.id,
      uploadedByUserId: desk.kit.actorUserId,
      uploadedAt: '2026-05-04T10:00:00.000Z',
      fileName: 'router front.JPG',
      contentType: 'image/jpeg',
      sizeBytes: bytes.length,
      storageKey: file.storageKey,
    }).times(1);
    await desk.kit.settle();
    const done = await desk.run(() => files.get(file.id));
    expect(done).to.include({ status: 'processed', width: 1600, height: 1200 });
    const [thumb, preview] = ['thumbnail', 'preview'].map((k) => done.renditions.find((r) => r.kind === k)!);
    expect(thumb).to.include({ contentType: 'image/webp', width: 128, height: 96 });
    expect(preview).to.include({ width: 512, height: 384 });
    const [event] = desk.kit.events.ofType('MEDIA_PROCESSING_SUCCEEDED');
    expect(event.payload).to.include({ fileId: file.id, actorType: 'SYSTEM', tenantId: desk.kit.tenantId });
    expect(event.payload.durationMs).to.be.a('number').at.least(0);
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_SUCCEEDED').withPayload({
      fileId: file.id,
      outputs: {
        original: { width: 1600, height: 1200 },
        thumbnail: { storageKey: thumb.storageKey, contentType: 'image/webp', sizeBytes: thumb.sizeBytes, width: 128, height: 96 },
        preview: { storageKey: preview.storageKey, contentType: 'image/webp', sizeBytes: preview.sizeBytes, width: 512, height: 384 },
      },
    }).times(1);
    const stored = await desk.kit.runtime.blobStore.read(thumb.storageKey);
    expect(stored.subarray(8, 12).toString()).to.equal('WEBP');
  });

  it('EXIF orientation is applied: a portrait photo stored landscape gets portrait renditions', async () => {
    const file = await upload(await jpeg(800, 400, 6), 'portrait.jpg', 'image/jpeg');
    await desk.kit.settle();
    const done = await desk.run(() => files.get(file.id));
    expect(done).to.include({ width: 400, height: 800 });
    expect(done.renditions.find((r) => r.kind === 'thumbnail')).to.include({ width: 64, height: 128 });
  });

  it('a truncated JPEG and a corrupt PNG fail (CORRUPT_IMAGE, not retryable); a PDF and an SVG are unsupported', async () => {
    const cut = await upload(await truncatedJpeg(), 'cut.jpg', 'image/jpeg');
    const broken = await upload(await corruptPng(), 'broken.png');
    const paper = await upload(await pdf('Quote Q-1'), 'quote.pdf', 'application/pdf');
    const drawing = await upload(svg(), 'logo.svg', 'image/svg+xml');
    expect(drawing.contentType).to.equal('image/svg+xml');
    await desk.kit.settle();
    const failed = desk.kit.events.payloads<any>('MEDIA_PROCESSING_FAILED');
    const byFile = Object.fromEntries(failed.map((p) => [p.fileId, p]));
    expect(byFile[cut.id]).to.include({ errorCode: 'CORRUPT_IMAGE', retryable: false });
    expect(byFile[cut.id].errorMessage).to.match(/premature end/i);
    expect(byFile[broken.id]).to.include({ errorCode: 'CORRUPT_IMAGE', retryable: false });
    expect(byFile[paper.id]).to.include({ errorCode: 'UNSUPPORTED_MEDIA_TYPE', retryable: false });
    expect(byFile[drawing.id]).to.include({ errorCode: 'UNSUPPORTED_MEDIA_TYPE', retryable: false });
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_FAILED').withPayload({ fileId: cut.id, errorCode: 'CORRUPT_IMAGE', retryable: false, actorType: 'SYSTEM' }).times(1);
    expect(desk.kit.events.ofType('MEDIA_PROCESSING_SUCCEEDED')).to.be.empty;
    expect((await desk.run(() => files.get(cut.id))).renditions).to.be.empty;
  });

  it('an image over the pixel limit is refused before decoding (IMAGE_TOO_LARGE)', async () => {
    const bomb = await png(2500, 2000);
    const file = await upload(bomb, 'huge.png', 'image/png');
    await desk.kit.settle();
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_FAILED').withPayload({ fileId: file.id, errorCode: 'IMAGE_TOO_LARGE', retryable: false }).times(1);
  });

  it('a repeated delivery does not process twice; retry() refuses what cannot succeed', async () => {
    const file = await upload(await png(), 'a.png', 'image/png');
    await desk.kit.settle();
    await desk.run(() => processing.process(file.id), { actorUserId: undefined, actorType: 'SYSTEM' });
    expect(desk.kit.events.ofType('MEDIA_PROCESSING_SUCCEEDED')).to.have.length(1);
    const err = await desk.refusal(() => processing.retry(file.id));
    expect(err.code).to.equal('MEDIA_NOT_RETRYABLE');
  });

  it('a declared type the bytes contradict is refused and nothing is stored', async () => {
    const cases: Array<[Buffer, string, string, string]> = [
      [await png(), 'photo.jpg', 'image/jpeg', 'image/png'],
      [await pdf('x'), 'scan.png', 'image/png', 'application/pdf'],
      [Buffer.from('just some text'), 'fake.png', 'image/png', 'text/plain'],
      [svg(), 'logo.png', 'image/png', 'image/svg+xml'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'notes.txt', 'text/plain', 'text/html'],
    ];
    for (const [bytes, name, declared, detected] of cases) {
      const err = await desk.refusal(() => files.upload({ file: bytes, fileName: name, contentType: declared }));
      expect(err, name).to.be.instanceOf(UploadTypeMismatchError).and.include({ field: 'contentType', declaredType: declared, detectedType: detected });
    }
    expect(storedFiles(desk)).to.deep.equal([]);
    expect(await desk.count('media_files')).to.equal(0);
    expect(desk.kit.events.types()).to.deep.equal([]);
  });

  it("an upload over the tenant's limit is refused while streaming and leaves nothing behind", async () => {
    await desk.run(() => desk.kit.resolve(UploadLimits).setLimit(100_000));
    const big = await noisyJpeg(400, 300);
    expect(big.length).to.be.greaterThan(100_000);
    const chunks = Array.from({ length: Math.ceil(big.length / 16384) }, (_, i) => big.subarray(i * 16384, (i + 1) * 16384));
    const err = await desk.refusal(() => files.upload({ file: Readable.from(chunks), fileName: 'big.jpg', contentType: 'image/jpeg' }));
    expect(err).to.be.instanceOf(UploadTooLargeError).and.include({ maxBytes: 100_000, field: 'file' });
    expect(storedFiles(desk)).to.deep.equal([]);
    // Another tenant keeps the default limit.
    const other = await desk.run(() => files.upload({ file: big, fileName: 'big.jpg' }), { tenantId: uuidv4() });
    expect(other.sizeBytes).to.equal(big.length);
    expect(desk.kit.events.ofType('FILE_UPLOADED')).to.have.length(1);
  });

  it('file names are normalised; empty files, bad names and unknown assets are refused before storing', async () => {
    const bytes = await png(10, 10);
    const cases: Array<[string, string]> = [
      ['C:\\Users\\me\\Desktop\\photo.png', 'photo.png'],
      ['../../etc/passwd.png', 'passwd.png'],
      ['Cafe\u0301\u0000 \u202Egnp.exe', 'Caf\u00e9 gnp.exe'],
      ['  ...hidden   name.png ', 'hidden name.png'],
      [`${'x'.repeat(300)}.png`, `${'x'.repeat(196)}.png`],
    ];
    for (const [raw, expected] of cases) {
      const file = await desk.run(() => files.upload({ file: bytes, fileName: raw }));
      expect(file.fileName, raw).to.equal(expected);
    }
    for (const [input, field] of [
      [{ file: bytes, fileName: '../\u0000/' }, 'fileName'],
      [{ file: Buffer.alloc(0), fileName: 'empty.png' }, 'file'],
      [{ file: bytes, fileName: 'a.png', contentType: 'not a type' }, 'contentType'],
    ] as const) {
      const err = await desk.refusal(() => files.upload(input as any));
      expect(err, field).to.be.instanceOf(UploadInputError).and.include({ field });
    }
    expect(await desk.refusal(() => files.upload({ file: bytes, fileName: 'a.png', assetId: uuidv4() }))).to.be.instanceOf(AssetNotFoundError);
    expect(desk.kit.events.ofType('FILE_UPLOADED')).to.have.length(cases.length);
  });

  it('MEDIA_PROCESSING_SUCCEEDED arrives at the worker after an upload', async () => {
    const bytes = await png(300, 200);
    const arrived = await desk.kit
      .scenario(() => desk.run(() => files.upload({ file: bytes, fileName: 'rack.png' })))
      .expect('MEDIA_PROCESSING_SUCCEEDED')
      .toArrive();
    expect(arrived.schemaRef).to.equal('payload.MediaProcessingSucceeded.v1');
  });
});
