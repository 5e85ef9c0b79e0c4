import { Readable } from 'node:stream';

/**
 * Reads up to `bytes` from the start of `source` and gives them back with a stream of the whole
 * content (those bytes first, then the rest as it arrives), so the head can be inspected before
 * the content is stored, without buffering the whole of it.
 */
export async function peek(source: NodeJS.ReadableStream | Buffer, bytes: number): Promise<{ head: Buffer; whole: Readable }> {
  if (Buffer.isBuffer(source)) return { head: source.subarray(0, bytes), whole: Readable.from([source]) };
  const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let finished = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      finished = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const prefix = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Buffer> {
    if (prefix.length) yield prefix;
    if (finished) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head: prefix.subarray(0, bytes), whole: Readable.from(rest(), { objectMode: false }) };
}
