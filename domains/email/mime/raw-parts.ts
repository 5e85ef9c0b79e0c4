import * as iconv from 'iconv-lite';
import { Readable, Writable } from 'node:stream';
// mailsplit (mailparser's own MIME splitter) has no type declarations.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Splitter } = require('@zone-eu/mailsplit') as { Splitter: new (options?: Record<string, unknown>) => NodeJS.ReadWriteStream };

/** One leaf part of a message, decoded from its transfer encoding (charset left to the caller). */
export interface RawPart {
  contentType: string;
  charset?: string;
  body: Buffer;
}

/**
 * The leaf parts of a raw message, walked with mailsplit. Embedded messages (message/rfc822) are
 * kept as one leaf, so an original message inside a report stays whole. mailparser folds
 * message/delivery-status into text and drops the embedded headers; reports are read from these parts.
 */
export async function leafParts(raw: Buffer): Promise<RawPart[]> {
  const parts: RawPart[] = [];
  let current: { node: any; decoder: NodeJS.ReadWriteStream; chunks: Buffer[]; done: Promise<void> } | undefined;
  const finish = async () => {
    if (!current) return;
    current.decoder.end();
    await current.done;
    const { node, chunks } = current;
    parts.push({ contentType: node.contentType || 'text/plain', charset: node.charset || undefined, body: Buffer.concat(chunks) });
    current = undefined;
  };
  const splitter = new Splitter({ ignoreEmbedded: true });
  const sink = new Writable({
    objectMode: true,
    write(data: any, _enc, callback) {
      (async () => {
        if (data.type === 'node') {
          await finish();
          if (!data.multipart) {
            const decoder = data.getDecoder() as NodeJS.ReadWriteStream;
            const chunks: Buffer[] = [];
            const done = new Promise<void>((resolve, reject) => {
              decoder.on('data', (c: Buffer) => chunks.push(c));
              decoder.on('end', resolve);
              decoder.on('error', reject);
            });
            current = { node: data, decoder, chunks, done };
          }
        } else if (data.type === 'body' && current) {
          current.decoder.write(data.value);
        }
      })().then(() => callback(), callback);
    },
    final(callback) {
      finish().then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw]).pipe(splitter).pipe(sink).on('finish', resolve).on('error', reject);
    splitter.on('error', reject);
  });
  return parts;
}

/** Text of a part in its declared charset (iconv-lite: windows-1252's 0x80–0x9F are right, unlike TextDecoder). */
export function partText(part: RawPart): string {
  const charset = part.charset && iconv.encodingExists(part.charset) ? part.charset : 'utf-8';
  return iconv.decode(part.body, charset);
}

/**
 * Header-style field blocks (RFC 822 syntax, folded lines joined), as in message/delivery-status
 * (one per-message block, then one block per recipient) and message/feedback-report. Names lower-cased.
 */
export function fieldBlocks(text: string): Array<Map<string, string[]>> {
  const blocks: Array<Map<string, string[]>> = [];
  let block = new Map<string, string[]>();
  let last: { name: string; index: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      if (block.size) blocks.push(block);
      block = new Map();
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      const values = block.get(last.name)!;
      values[last.index] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = block.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    block.set(name, values);
    last = { name, index: values.length - 1 };
  }
  if (block.size) blocks.push(block);
  return blocks;
}

/** The header block of an embedded message (text/rfc822-headers, or message/rfc822 up to its body). */
export function headerBlockOf(part: RawPart): Map<string, string[]> {
  const text = partText(part);
  const end = text.search(/\r?\n\r?\n/);
  return fieldBlocks(end < 0 ? text : text.slice(0, end))[0] ?? new Map();
}
