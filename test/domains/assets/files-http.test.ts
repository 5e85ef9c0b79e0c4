import { expect } from 'chai';
import fastify, { FastifyInstance } from 'fastify';
import { v4 as uuidv4 } from 'uuid';
import { assetsModule, UploadLimits } from '../../../domains/assets';
import { forEachDatabase } from '../../support/databases';
import { AssetDesk } from './asset-desk';
import { jpeg, noisyJpeg, png, svg } from './sample-files';

/** The module's routes mounted as `wfe serve` mounts them, listening on loopback for real multipart requests. */
async function listen(desk: AssetDesk): Promise<{ server: FastifyInstance; url: string }> {
  const server = fastify({ logger: false, forceCloseConnections: true });
  const quiet = { info() {}, warn() {}, error() {} };
  await server.register(async (scope) => assetsModule.routes!(scope, { runtime: desk.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, url };
}

forEachDatabase('assets: POST /files (multipart) and serving stored files', (target) => {
  let desk: AssetDesk;
  let http: { server: FastifyInstance; url: string };
  beforeEach(async () => {
    desk = await AssetDesk.create(target);
    http = await listen(desk);
  });
  afterEach(async () => {
    await http.server.close();
    await desk.close();
  });
  const caller = () => ({ 'x-tenant-id': desk.kit.tenantId, 'x-user-id': desk.kit.actorUserId });
  const post = (bytes: Buffer, fileName: string, type: string, query = '', headers: Record<string, string> = caller()) => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), fileName);
    return fetch(`${http.url}/files${query}`, { method: 'POST', body: form, headers });
  };

  it('uploads a photo of an asset: 201, FILE_UPLOADED, then its thumbnail is served inline as WebP', async () => {
    const asset = await desk.run(() => desk.assets.create({ name: 'Switch' }));
    const bytes = await jpeg(1200, 900);
    const res = await post(bytes, 'switch.jpg', 'image/jpeg', `?assetId=${asset.id}`);
    expect(res.status).to.equal(201);
    const body: any = await res.json();
    expect(body).to.include({ fileName: 'switch.jpg', contentType: 'image/jpeg', sizeBytes: bytes.length, status: 'uploaded' });
    expect(desk.kit.events).to.have.emitted('FILE_UPLOADED').withPayload({ fileId: body.fileId, uploadedByUserId: desk.kit.actorUserId, tenantId: desk.kit.tenantId }).times(1);
    await desk.kit.settle();
    const record: any = await (await fetch(`${http.url}/files/${body.fileId}`, { headers: caller() })).json();
    expect(record.status).to.equal('processed');
    const thumb = await fetch(`${http.url}/files/${body.fileId}/renditions/thumbnail`, { headers: caller() });
    expect(thumb.status).to.equal(200);
    expect(thumb.headers.get('content-type')).to.equal('image/webp');
    expect(thumb.headers.get('content-disposition')).to.match(/^inline; filename="?switch-thumbnail.webp"?$/);
    expect(Buffer.from(await thumb.arrayBuffer()).subarray(8, 12).toString()).to.equal('WEBP');
    const original = await fetch(`${http.url}/files/${body.fileId}/content`, { headers: caller() });
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).to.equal(true);
  });

  it('SVG is stored but only ever served as an attachment, sandboxed and not sniffable', async () => {
    const res = await post(svg(), 'logo.svg', 'image/svg+xml');
    expect(res.status).to.equal(201);
    const { fileId } = (await res.json()) as any;
    const served = await fetch(`${http.url}/files/${fileId}/content`, { headers: caller() });
    expect(served.headers.get('content-disposition')).to.match(/^attachment; filename="?logo.svg"?$/);
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('content-security-policy')).to.contain('sandbox');
  });

  it('413 for an oversized upload, 415 for contradicting bytes, 400 without a caller or file: nothing recorded', async () => {
    await desk.run(() => desk.kit.resolve(UploadLimits).setLimit(50_000));
    const big = await noisyJpeg(400, 300);
    const tooBig = await post(big, 'big.jpg', 'image/jpeg');
    expect(tooBig.status).to.equal(413);
    expect(await tooBig.json()).to.include({ error: 'UPLOAD_TOO_LARGE', field: 'file' });
    const lying = await post(await png(), 'photo.jpg', 'image/jpeg');
    expect(lying.status).to.equal(415);
    expect(await lying.json()).to.include({ error: 'UPLOAD_TYPE_MISMATCH', field: 'contentType' });
    expect((await post(await png(), 'a.png', 'image/png', '', {})).status).to.equal(400);
    expect((await post(await png(), 'a.png', 'image/png', `?assetId=${uuidv4()}`)).status).to.equal(404);
    const noFile = await fetch(`${http.url}/files`, { method: 'POST', headers: { ...caller(), 'content-type': 'application/json' }, body: '{}' });
    expect(noFile.status).to.be.oneOf([406, 415]);
    expect(await desk.count('media_files')).to.equal(0);
    expect(desk.kit.events.ofType('FILE_UPLOADED')).to.be.empty;
  });
});
