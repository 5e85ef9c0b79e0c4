import { expect } from 'chai';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import fastify, { FastifyInstance } from 'fastify';
import sinon from 'sinon';
import { assetsModule, MediaFileService, MediaProcessingService, MediaProcessor } from '../../../domains/assets';
import { v4 as uuidv4 } from 'uuid';
import { BlobNotFoundError, LocalBlobStore } from '../../../lib/blobs';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';
import { noisyJpeg, png } from './sample-files';

forEachDatabase('assets: media faults (storage, lost content, aborted uploads)', (target) => {
  let desk: AssetDesk;
  let files: MediaFileService;
  beforeEach(async () => {
    desk = await AssetDesk.create(target);
    files = desk.kit.resolve(MediaFileService);
  });
  afterEach(async () => {
    sinon.restore();
    await desk.close();
  });

  it('a rendition that cannot be stored fails as retryable (STORAGE_FAILED); retry() then succeeds, once', async () => {
    const blobs = desk.kit.runtime.blobStore;
    const bytes = await png(300, 300);
    // The upload's own put succeeds; the first rendition's fails (a full disk), later ones succeed.
    const put = sinon.stub(blobs, 'put').callThrough();
    put.onCall(1).rejects(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    const uploaded = await desk.run(() => files.upload({ file: bytes, fileName: 'panel.png' }));
    await desk.kit.settle();
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_FAILED').withPayload({ fileId: uploaded.id, errorCode: 'STORAGE_FAILED', retryable: true }).times(1);
    const outcome = await desk.run(() => desk.kit.resolve(MediaProcessingService).retry(uploaded.id));
    expect(outcome.file.status).to.equal('processed');
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_SUCCEEDED').withPayload({ fileId: uploaded.id }).times(1);
    const again = await desk.refusal(() => desk.kit.resolve(MediaProcessingService).retry(uploaded.id));
    expect(again.code).to.equal('MEDIA_NOT_RETRYABLE');
  });

  it('content lost before processing fails for good (CONTENT_MISSING, not retryable)', async () => {
    const blobs = desk.kit.runtime.blobStore;
    // The content vanishes between the upload and the worker's read (a lost volume).
    sinon.stub(blobs, 'read').callsFake(async (key: string) => {
      await blobs.delete(key);
      throw new BlobNotFoundError(key);
    });
    const uploaded = await desk.run(async () => files.upload({ file: await png(50, 50), fileName: 'gone.png' }));
    await desk.kit.settle();
    expect(desk.kit.events).to.have.emitted('MEDIA_PROCESSING_FAILED').withPayload({ fileId: uploaded.id, errorCode: 'CONTENT_MISSING', retryable: false }).times(1);
  });

  it('FILE_UPLOADED about a file the tenant does not have (a simulated event) is acknowledged, emitting nothing', async () => {
    await desk.run(() => desk.kit.resolve(MediaProcessor).onFileUploaded({ fileId: uuidv4() } as any), { actorUserId: undefined, actorType: 'SYSTEM' });
    expect(desk.kit.events.types()).to.deep.equal([]);
  });

  it('an upload the client aborts half way leaves no file, temporary or not, and records nothing', async () => {
    const server: FastifyInstance = fastify({ logger: false, forceCloseConnections: true });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => assetsModule.routes!(scope, { runtime: desk.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
    const url = new URL(await server.listen({ host: '127.0.0.1', port: 0 }));
    try {
      const bytes = await noisyJpeg(600, 400);
      const boundary = 'wfe-boundary';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      const req = http.request({ host: url.hostname, port: url.port, path: '/files', method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + bytes.length + 100), 'x-tenant-id': desk.kit.tenantId, 'x-user-id': desk.kit.actorUserId } });
      req.on('error', () => undefined);
      req.write(head);
      req.write(bytes.subarray(0, 80_000));
      await new Promise((r) => setTimeout(r, 150));
      req.destroy();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await server.close();
    }
    const dir = (desk.kit.runtime.blobStore as LocalBlobStore).dir;
    const left = fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? '', e.name)) : [];
    expect(left).to.deep.equal([]);
    expect(await desk.count('media_files')).to.equal(0);
    expect(desk.kit.events.ofType('FILE_UPLOADED')).to.be.empty;
  });
});
