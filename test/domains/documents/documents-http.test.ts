import { expect } from 'chai';
import fastify, { FastifyInstance } from 'fastify';
import { documentsModule } from '../../../domains/documents';
import { forEachDatabase } from '../../support/databases';
import { pdf, png } from '../assets/sample-files';
import { DocumentDesk } from './document-desk';

forEachDatabase('documents: POST /documents (multipart) and GET content', (target) => {
  let desk: DocumentDesk;
  let server: FastifyInstance;
  let url: string;
  beforeEach(async () => {
    desk = await DocumentDesk.create(target);
    server = fastify({ logger: false, forceCloseConnections: true });
    const quiet = { info() {}, warn() {}, error() {} };
    await server.register(async (scope) => documentsModule.routes!(scope, { runtime: desk.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
    url = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await server.close();
    await desk.close();
  });
  const caller = () => ({ 'x-tenant-id': desk.kit.tenantId, 'x-user-id': desk.kit.actorUserId });
  const post = (bytes: Buffer, fileName: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), fileName);
    return fetch(`${url}/documents`, { method: 'POST', body: form, headers: caller() });
  };

  it('a PDF uploads (201, DOCUMENT_UPLOADED) and is served back as an attachment, never inline', async () => {
    const bytes = await pdf('Signed SOW');
    const res = await post(bytes, 'Statement of work \u2013 2026.pdf', 'application/pdf');
    expect(res.status).to.equal(201);
    const body: any = await res.json();
    expect(body).to.include({ fileName: 'Statement of work \u2013 2026.pdf', contentType: 'application/pdf', sizeBytes: bytes.length });
    expect(desk.kit.events).to.have.emitted('DOCUMENT_UPLOADED').withPayload({ documentId: body.documentId, uploadedByUserId: desk.kit.actorUserId }).times(1);
    const served = await fetch(`${url}/documents/${body.documentId}/content`, { headers: caller() });
    expect(served.headers.get('content-type')).to.equal('application/pdf');
    expect(served.headers.get('content-disposition')).to.match(/^attachment; filename="Statement of work \? 2026.pdf"; filename\*=UTF-8''Statement%20of%20work%20%E2%80%93%202026.pdf$/);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).to.equal(true);
  });

  it('415 when the bytes contradict the declared type; 413 over the limit; nothing recorded', async () => {
    const lying = await post(await png(), 'invoice.pdf', 'application/pdf');
    expect(lying.status).to.equal(415);
    await desk.run(() => desk.limits.setLimit(1000));
    const big = await post(await pdf('A'.repeat(2000)), 'long.pdf', 'application/pdf');
    expect(big.status).to.equal(413);
    expect(desk.kit.events.ofType('DOCUMENT_UPLOADED')).to.be.empty;
    expect(desk.blobCount()).to.equal(0);
  });
});
