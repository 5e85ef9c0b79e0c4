import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, BlobStore, BlobTooLargeError, digestOf, PutOptions, StoredBlob } from './blob-store';

/**
 * Blobs as files under `dir` (default `./data/blobs`), at `sha256/ab/cd/<digest>`. A put streams to
 * a temporary file beside them, hashing and counting as it goes, fsyncs, then renames into place:
 * a failed, oversized or aborted upload leaves nothing behind, and readers never see half a file.
 */
export class LocalBlobStore extends BlobStore {
  constructor(readonly dir: string) {
    super();
  }

  async put(source: Readable | Buffer, options: PutOptions = {}): Promise<StoredBlob> {
    const tmpDir = path.join(this.dir, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) return done(new BlobTooLargeError(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      await pipeline(input, meter, fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      const written = await fs.promises.open(tmp, 'r+');
      try {
        await written.sync();
      } finally {
        await written.close();
      }
      const digest = hash.digest('hex');
      const target = this.pathOf(digest);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(tmp, target);
      return { key: `sha256:${digest}`, size };
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  async open(key: string): Promise<Readable> {
    const file = this.pathOf(digestOf(key));
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async read(key: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(this.pathOf(digestOf(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(digestOf(key)));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(digestOf(key)), { force: true });
  }

  private pathOf(digest: string): string {
    return path.join(this.dir, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
  }
}
