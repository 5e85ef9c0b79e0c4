import { iso, when } from '../../../lib/kit';
import { MediaFile, ProcessingOutcome } from './media-file';

/** Media results → payloads of FILE_UPLOADED, MEDIA_PROCESSING_SUCCEEDED and MEDIA_PROCESSING_FAILED. */

export const fileUploaded = (f: MediaFile) => ({
  fileId: f.id,
  uploadedByUserId: f.uploadedByUserId,
  uploadedAt: iso(f.uploadedAt),
  fileName: f.fileName,
  contentType: f.contentType,
  sizeBytes: f.sizeBytes,
  storageKey: f.storageKey,
});

/** `{ original, thumbnail, preview }` of a processed file. */
export function outputsOf(f: MediaFile): Record<string, unknown> {
  const outputs: Record<string, unknown> = { original: { width: f.width, height: f.height } };
  for (const r of f.renditions) outputs[r.kind] = { storageKey: r.storageKey, contentType: r.contentType, sizeBytes: r.sizeBytes, width: r.width, height: r.height };
  return outputs;
}

export const processingSucceeded = when(
  (o: ProcessingOutcome) => o.ran && o.file.status === 'processed',
  (o) => ({ fileId: o.file.id, processedAt: iso(o.file.processedAt!), outputs: outputsOf(o.file), durationMs: o.durationMs }),
);

export const processingFailed = when(
  (o: ProcessingOutcome) => o.ran && o.file.status === 'failed',
  (o) => ({ fileId: o.file.id, failedAt: iso(o.file.processedAt!), errorCode: o.file.errorCode, errorMessage: o.file.errorMessage ?? 'processing failed', retryable: o.file.retryable }),
);
