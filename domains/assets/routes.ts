import multipart from '@fastify/multipart';
import { BlobStore, DomainError, ModuleRoutes, withEmissionContext } from '../../lib/kit';
import { actingCaller } from './media/http/acting-caller';
import { uploadStatusOf } from './media/http/http-status';
import { sendStoredContent } from './media/http/stored-content-reply';
import { UploadLimits } from './media/intake/upload-limits';
import { MediaFileService } from './media/media-file-service';

/**
 * `POST /files[?assetId=<uuid>]` — one file as multipart/form-data (field `file`), behind the API
 * token, acting as `X-Tenant-Id` / `X-User-Id`. The part's Content-Type is the declared type
 * (refused when the bytes disagree: 415); over the tenant's limit: 413, nothing kept. 201 with the
 * recorded file; FILE_UPLOADED follows, and its thumbnail and preview are made on the worker.
 *
 * `GET /files/:fileId` — the file's record (status, renditions); `GET /files/:fileId/content` and
 * `GET /files/:fileId/renditions/:kind` — the bytes, served so a browser never runs them.
 */
export const assetsRoutes: ModuleRoutes = async (server, ctx) => {
  await server.register(multipart, { limits: { files: 1, fields: 5, fieldSize: 1024, parts: 6 } });
  const files = () => ctx.runtime.resolve(MediaFileService);
  const blobs = () => ctx.runtime.resolve(BlobStore as any) as BlobStore;

  server.post<{ Querystring: { assetId?: string } }>('/files', { preHandler: ctx.requireApiToken }, async (req, reply) => {
    const caller = actingCaller(req);
    if ('missing' in caller) return reply.code(400).send({ error: 'CALLER_REQUIRED', message: `send ${caller.missing} (a UUID)` });
    if (!req.isMultipart()) return reply.code(415).send({ error: 'MULTIPART_REQUIRED', message: 'send the file as multipart/form-data, field "file"' });
    try {
      const file = await withEmissionContext(caller.ctx, async () => {
        const maxBytes = await ctx.runtime.resolve(UploadLimits).limitFor();
        const part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 }, throwFileSizeLimit: false });
        if (!part) return undefined;
        return files().upload({ file: part.file, fileName: part.filename, contentType: part.mimetype, assetId: req.query.assetId });
      });
      if (!file) return reply.code(400).send({ error: 'UPLOAD_INVALID', message: 'Invalid upload: file is missing (multipart field "file")', field: 'file' });
      return reply.code(201).send({ fileId: file.id, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.sizeBytes, storageKey: file.storageKey, status: file.status });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      ctx.logger.warn({ code: err.code, field: err.field }, 'file upload refused');
      return reply.code(uploadStatusOf(err)).send({ error: err.code, message: err.message, field: err.field });
    }
  });

  server.get<{ Params: { fileId: string } }>('/files/:fileId', async (req, reply) => {
    const caller = actingCaller(req, { needUser: false });
    if ('missing' in caller) return reply.code(400).send({ error: 'CALLER_REQUIRED', message: `send ${caller.missing} (a UUID)` });
    try {
      return await withEmissionContext(caller.ctx, () => files().get(req.params.fileId));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return reply.code(uploadStatusOf(err)).send({ error: err.code, message: err.message });
    }
  });

  server.get<{ Params: { fileId: string; kind?: string } }>('/files/:fileId/content', async (req, reply) => serve(req.params.fileId, undefined, req, reply));
  server.get<{ Params: { fileId: string; kind: string } }>('/files/:fileId/renditions/:kind', async (req, reply) => serve(req.params.fileId, req.params.kind, req, reply));

  async function serve(fileId: string, kind: string | undefined, req: any, reply: any) {
    const caller = actingCaller(req, { needUser: false });
    if ('missing' in caller) return reply.code(400).send({ error: 'CALLER_REQUIRED', message: `send ${caller.missing} (a UUID)` });
    try {
      const file = await withEmissionContext(caller.ctx, () => files().get(fileId));
      if (kind === undefined) return sendStoredContent(reply, blobs(), file);
      const rendition = file.renditions.find((r) => r.kind === kind);
      if (!rendition) return reply.code(404).send({ error: 'RENDITION_NOT_FOUND', message: `file ${file.id} has no ${kind} (status ${file.status})` });
      const base = file.fileName.replace(/\.[^.]*$/, '');
      return sendStoredContent(reply, blobs(), { storageKey: rendition.storageKey, contentType: rendition.contentType, fileName: `${base}-${kind}.webp` });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return reply.code(uploadStatusOf(err)).send({ error: err.code, message: err.message });
    }
  }
};
