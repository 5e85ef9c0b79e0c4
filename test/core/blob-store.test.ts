import { expect } from 'chai';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BlobNotFoundError, BlobTooLargeError, LocalBlobStore } from '../../lib/blobs';

describe('blobs: LocalBlobStore (content-addressed files)', () => {
  let dir: string;
  let store: LocalBlobStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-blob-test-'));
    store = new LocalBlobStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = () => {
    const out: string[] = [];
    const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : out.push(path.join(d, e.name))));
    walk(dir);
    return out.map((f) => path.relative(dir, f));
  };

  it('stores bytes under their SHA-256, once for the same content, and reads them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 hello');
    const a = await store.put(bytes);
    const b = await store.put(Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]));
    expect(a).to.deep.equal({ key: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length });
    expect(b).to.deep.equal(a);
    expect(await store.read(a.key)).to.deep.equal(bytes);
    expect(files()).to.have.length(1);
    await store.delete(a.key);
    expect(await store.has(a.key)).to.equal(false);
    await store.delete(a.key); // idempotent
  });

  it('refuses an oversized stream while streaming and keeps nothing, not even a temporary file', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 1));
        if (produced > 1024 * 1024) this.push(null);
      },
    });
    const err = await store.put(endless, { maxBytes: 10_000 }).catch((e) => e);
    expect(err).to.be.instanceOf(BlobTooLargeError);
    expect(err.maxBytes).to.equal(10_000);
    expect(produced).to.be.lessThan(1024 * 1024);
    expect(files()).to.deep.equal([]);
  });

  it('a source that fails halfway leaves nothing behind', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100));
        this.destroy(new Error('connection reset'));
      },
    });
    const err = await store.put(failing).catch((e) => e);
    expect(err.message).to.equal('connection reset');
    expect(files()).to.deep.equal([]);
  });

  it('refuses keys that are not content addresses (no path tricks)', async () => {
    for (const key of ['../../etc/passwd', 'sha256:../../x', `sha256:${'A'.repeat(64)}`]) {
      expect(await store.read(key).catch((e) => e)).to.be.instanceOf(BlobNotFoundError);
    }
  });
});
