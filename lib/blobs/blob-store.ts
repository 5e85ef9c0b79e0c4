import { Readable } from 'node:stream';

export interface StoredBlob {
  /** `sha256:<64 hex>`: the content address, the `storageKey` of file events. */
  key: string;
  /** Bytes. */
  size: number;
}

export interface PutOptions {
  /** Refused while streaming once exceeded (BlobTooLargeError); nothing is kept. */
  maxBytes?: number;
}

export class BlobTooLargeError extends Error {
  readonly code = 'BLOB_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`content exceeds the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class BlobNotFoundError extends Error {
  readonly code = 'BLOB_NOT_FOUND';
  constructor(readonly key: string) {
    super(`no stored content ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/**
 * Content-addressed storage for files, raw MIME messages and webhook bodies. The same bytes are
 * stored once under one key; whoever deletes decides whether other records still reference it.
 * An abstract class so it can be injected (tsyringe needs a runtime token).
 */
export abstract class BlobStore {
  /** Stores `source` (streamed, never buffered whole); resolves once the bytes are durable. */
  abstract put(source: Readable | Buffer, options?: PutOptions): Promise<StoredBlob>;
  /** A stream of the content; BlobNotFoundError when absent. */
  abstract open(key: string): Promise<Readable>;
  abstract read(key: string): Promise<Buffer>;
  abstract has(key: string): Promise<boolean>;
  /** Removes the content; a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
}

const KEY = /^sha256:([0-9a-f]{64})$/;

/** The hex digest of a well-formed key; throws on anything else (no path tricks through keys). */
export function digestOf(key: string): string {
  const m = KEY.exec(key);
  if (!m) throw new BlobNotFoundError(key);
  return m[1];
}
