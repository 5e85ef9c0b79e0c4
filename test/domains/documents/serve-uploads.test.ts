import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { createServer } from '../../../src/http/server';
import { forEachDatabase } from '../../support/databases';
import { createTestApp } from '../../tooling/support/app';
import { jpeg, pdf } from '../assets/sample-files';

forEachDatabase('wfe serve: POST /files and POST /documents side by side', (target) => {
  it('both upload routes are mounted by the server, each with its own multipart parser', async () => {
    const blobs = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-serve-blobs-'));
    const saved = process.env.WFE_BLOB_DIR;
    process.env.WFE_BLOB_DIR = blobs;
    const { app, dispose } = await createTestApp(target);
    const server = createServer(app);
    try {
      const url = await server.listen({ host: '127.0.0.1', port: 0 });
      const headers = { 'x-tenant-id': uuidv4(), 'x-user-id': uuidv4() };
      const send = async (route: string, bytes: Buffer, name: string, type: string) => {
        const form = new FormData();
        form.append('file', new Blob([bytes], { type }), name);
        return fetch(`${url}${route}`, { method: 'POST', body: form, headers });
      };
      const file = await send('/files', await jpeg(100, 80), 'a.jpg', 'image/jpeg');
      expect(file.status, await file.clone().text()).to.equal(201);
      const doc = await send('/documents', await pdf('Hello'), 'a.pdf', 'application/pdf');
      expect(doc.status, await doc.clone().text()).to.equal(201);
      expect(((await doc.json()) as any).contentType).to.equal('application/pdf');
    } finally {
      await server.close();
      await dispose();
      if (saved === undefined) delete process.env.WFE_BLOB_DIR;
      else process.env.WFE_BLOB_DIR = saved;
      fs.rmSync(blobs, { recursive: true, force: true });
    }
  });
});
