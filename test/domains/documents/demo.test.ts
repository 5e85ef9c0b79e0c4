import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempSqlite, wfe } from '../../cli/run-cli';

describe('assets and documents: wfe demo', function () {
  this.timeout(120_000);

  it('a device photo gets its thumbnail on the worker, the warranty sweep warns, an invoice PDF is generated and filed', () => {
    const blobs = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-demo-blobs-'));
    const res = wfe(['demo'], { WFE_SQLITE_FILE: tempSqlite(), WFE_BLOB_DIR: blobs });
    fs.rmSync(blobs, { recursive: true, force: true });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const types = (story: string) => [...story.matchAll(/^\d+\s+([A-Z_]+)\s+payload\./gm)].map((m) => m[1]);
    const assets = res.stdout.slice(res.stdout.indexOf('— Assets'), res.stdout.indexOf('— Documents'));
    expect(types(assets)).to.include.members(['ASSET_CREATED', 'FILE_UPLOADED', 'MEDIA_PROCESSING_SUCCEEDED', 'ASSET_ASSIGNED', 'ASSET_WARRANTY_EXPIRING']);
    expect(assets).to.match(/made its thumbnail \(256×192 WebP, \d+ bytes\) and preview from the 1600×1200 upright photo/);
    const documents = res.stdout.slice(res.stdout.indexOf('— Documents'));
    expect(types(documents).filter((t) => t.startsWith('DOCUMENT_'))).to.deep.equal(['DOCUMENT_GENERATED', 'DOCUMENT_ASSOCIATED', 'DOCUMENT_UPLOADED', 'DOCUMENT_ASSOCIATED', 'DOCUMENT_DELETED']);
    expect(documents).to.match(/invoice-INV-\d{6}\.pdf: \d+ bytes of application\/pdf/);
    expect(documents).to.contain('so they stay stored: yes');
    const [, committed, recorded] = /(\d+) events committed, (\d+) recorded/.exec(res.stdout)!;
    expect(recorded).to.equal(committed);
  });
});
