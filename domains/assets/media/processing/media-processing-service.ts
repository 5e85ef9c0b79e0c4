import { performance } from 'node:perf_hooks';
import { injectable } from 'tsyringe';
import { actionTime, EmitsEvent, requireStaff, UnitOfWork } from '../../../../lib/kit';
import { MediaNotRetryableError } from '../media-errors';
import { ProcessingOutcome } from '../media-file';
import { processingFailed, processingSucceeded } from '../media-mappers';
import { MediaRepository } from '../media-repository';
import { ImageRenderer } from './image-renderer';

/**
 * Makes a file's renditions and records the outcome: MEDIA_PROCESSING_SUCCEEDED or
 * MEDIA_PROCESSING_FAILED, once per run. The file row is locked for the run, and a file already
 * processed (or failed for good) is left alone: a repeated delivery does nothing and emits nothing.
 */
@injectable()
export class MediaProcessingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly files: MediaRepository,
    private readonly renderer: ImageRenderer,
  ) {}

  @EmitsEvent('MEDIA_PROCESSING_SUCCEEDED', processingSucceeded)
  @EmitsEvent('MEDIA_PROCESSING_FAILED', processingFailed)
  async process(fileId: string): Promise<ProcessingOutcome> {
    const file = await this.files.get(fileId, { lock: true });
    if (file.status === 'processed' || (file.status === 'failed' && !file.retryable)) return { file, ran: false, durationMs: 0 };
    const started = performance.now();
    const result = await this.renderer.render(file);
    const durationMs = Math.round(performance.now() - started);
    const db = this.uow.db;
    const at = actionTime();
    const where = { file_id: file.id, tenant: file.tenantId };
    await db('media_renditions').where(where).delete();
    if (result.ok) {
      await db('media_files').where(where).update({ status: 'processed', width: result.width, height: result.height, processed_at: at, error_code: null, error_message: null, retryable: null });
      await db('media_renditions').insert(result.renditions.map((r) => ({ ...where, kind: r.kind, storage_key: r.storageKey, content_type: r.contentType, size_bytes: r.sizeBytes, width: r.width, height: r.height })));
    } else {
      await db('media_files').where(where).update({ status: 'failed', processed_at: at, error_code: result.code, error_message: result.message, retryable: result.retryable });
    }
    return { file: await this.files.get(file.id), ran: true, durationMs };
  }

  /** Runs a failed, retryable processing again (staff); MediaNotRetryableError otherwise. */
  async retry(fileId: string): Promise<ProcessingOutcome> {
    requireStaff('MediaProcessingService.retry');
    const file = await this.files.get(fileId);
    if (file.status !== 'failed' || !file.retryable) throw new MediaNotRetryableError(file.id, file.status === 'failed' ? `failed (${file.errorCode}) for good` : file.status);
    return this.process(fileId);
  }
}
