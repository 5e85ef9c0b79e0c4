import multipart from '@fastify/multipart';
import { BlobStore, DomainError, ModuleRoutes, withEmissionContext } from '../../lib/kit';
import { actingCaller, sendStoredContent, uploadStatusOf, UploadLimits } from '../assets';
import { DocumentService } from './documents/document-service';

/**
 * `POST /documents` — one document as multipart/form-data (field `file`), behind the API token,
 * acting as `X-Tenant-Id` / `X-User-Id`. The part's Content-Type is the declared type (415 when the
 * bytes disagree); over the tenant's limit 413, nothing kept; 201 with the document.
 *
 * `GET /documents/:documentId/content` — the bytes, as an attachment unless a plain image or text
 * (never SVG, HTML or PDF inline), with nosniff and a sandboxing CSP.
 */
export const documentsRoutes: ModuleRoutes = async (server, ctx) => {
  await server.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  const service = () => ctx.runtime.resolve(DocumentService);

  server.post('/documents', { preHandler: ctx.requireApiToken }, async (req, reply) => {
    const caller = actingCaller(req);
    if ('missing' in caller) return reply.code(400).send({ error: 'CALLER_REQUIRED', message: `send ${caller.missing} (a UUID)` });
    if (!req.isMultipart()) return reply.code(415).send({ error: 'MULTIPART_REQUIRED', message: 'send the document as multipart/form-data, field "file"' });
    try {
      const document = await withEmissionContext(caller.ctx, async () => {
        const maxBytes = await ctx.runtime.resolve(UploadLimits).limitFor();
        const part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 }, throwFileSizeLimit: false });
        return part ? service().upload({ file: part.file, fileName: part.filename, contentType: part.mimetype }) : undefined;
      });
      if (!document) return reply.code(400).send({ error: 'UPLOAD_INVALID', message: 'Invalid upload: file is missing (multipart field "file")', field: 'file' });
      return reply.code(201).send({ documentId: document.id, fileName: document.fileName, contentType: document.contentType, sizeBytes: document.sizeBytes, storageKey: document.storageKey });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      ctx.logger.warn({ code: err.code, field: err.field }, 'document upload refused');
      return reply.code(uploadStatusOf(err)).send({ error: err.code, message: err.message, field: err.field });
    }
  });

  server.get<{ Params: { documentId: string } }>('/documents/:documentId/content', async (req, reply) => {
    const caller = actingCaller(req, { needUser: false });
    if ('missing' in caller) return reply.code(400).send({ error: 'CALLER_REQUIRED', message: `send ${caller.missing} (a UUID)` });
    try {
      const document = await withEmissionContext(caller.ctx, () => service().get(req.params.documentId));
      return sendStoredContent(reply, ctx.runtime.resolve(BlobStore as any) as BlobStore, document);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return reply.code(uploadStatusOf(err)).send({ error: err.code, message: err.message });
    }
  });
};
