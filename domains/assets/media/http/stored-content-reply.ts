import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { BlobStore } from '../../../../lib/kit';
import { INLINE_SAFE_TYPES } from '../intake/content-type';

/**
 * Sends stored content so a browser cannot run it: `nosniff`, a sandboxing Content-Security-Policy,
 * and `Content-Disposition: attachment` for everything but plain raster images and plain text
 * (SVG, HTML, PDF and unknown types are downloaded, never rendered in place). The file name is
 * encoded per RFC 6266 / RFC 8187 (content-disposition).
 */
export async function sendStoredContent(reply: FastifyReply, blobs: BlobStore, file: { storageKey: string; contentType: string; fileName: string }): Promise<FastifyReply> {
  const stream = await blobs.open(file.storageKey);
  const inline = INLINE_SAFE_TYPES.has(file.contentType);
  return reply
    .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', contentDisposition(file.fileName, { type: inline ? 'inline' : 'attachment' }))
    .header('cache-control', 'private, max-age=300')
    .send(stream);
}
