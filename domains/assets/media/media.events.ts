import { BooleanField, CountField, DateTimeField, DomainPayload, JsonField, StringField, UuidField } from '../../../lib/kit';
import { assets } from '../module';

@assets.event({
  type: 'FILE_UPLOADED',
  category: 'Media',
  name: 'File Uploaded',
  description:
    'A file was stored and entered the media pipeline (POST /files, MediaFileService.upload): its name is ' +
    'normalised, its content type sniffed from the bytes, its size within the tenant limit. Exactly one of ' +
    'MEDIA_PROCESSING_SUCCEEDED or MEDIA_PROCESSING_FAILED follows. Documents (POST /documents) emit ' +
    'DOCUMENT_UPLOADED instead; a refused upload emits nothing.',
})
export class FileUploadedPayload extends DomainPayload {
  @UuidField({ description: 'The uploaded file' }) fileId!: string;
  @UuidField({ description: 'Internal user who uploaded it' }) uploadedByUserId!: string;
  @DateTimeField({ description: 'When it was recorded' }) uploadedAt!: string;
  @StringField({ description: 'Normalised file name (NFC, no path, no control characters, at most 200 characters)', examples: ['router-front.jpg'] }) fileName!: string;
  @StringField({ description: 'Content type sniffed from the bytes (a contradicting declared type is refused)', examples: ['image/jpeg'] }) contentType!: string;
  @CountField({ description: 'Size in bytes' }) sizeBytes!: number;
  @StringField({ description: 'Content address in the blob store: sha256:<64 hex>', examples: ['sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] }) storageKey!: string;
}

@assets.event({
  type: 'MEDIA_PROCESSING_SUCCEEDED',
  category: 'Media',
  name: 'Media Processing Succeeded',
  description:
    'An uploaded image was decoded (EXIF orientation applied) and its thumbnail and preview were made and stored. ' +
    'Once per file: a repeated delivery of FILE_UPLOADED does not process it again. outputs holds the original ' +
    "dimensions and each rendition's storage key, content type, size and dimensions. Failures are MEDIA_PROCESSING_FAILED.",
})
export class MediaProcessingSucceededPayload extends DomainPayload {
  @UuidField({ description: 'The uploaded file' }) fileId!: string;
  @DateTimeField({ description: 'When processing finished' }) processedAt!: string;
  @JsonField({
    optional: true,
    description: '{ original: { width, height }, thumbnail: { storageKey, contentType, sizeBytes, width, height }, preview: { … } }',
    examples: [{ original: { width: 4032, height: 3024 }, thumbnail: { storageKey: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', contentType: 'image/webp', sizeBytes: 5210, width: 256, height: 192 } }],
  })
  outputs?: unknown;
  @CountField({ description: 'Wall-clock milliseconds the processing took' }) durationMs!: number;
}

@assets.event({
  type: 'MEDIA_PROCESSING_FAILED',
  category: 'Media',
  name: 'Media Processing Failed',
  description:
    'Processing an uploaded file ended without renditions. errorCode: CORRUPT_IMAGE (undecodable or truncated ' +
    'bytes), IMAGE_TOO_LARGE (over the pixel limit, against decompression bombs), UNSUPPORTED_MEDIA_TYPE (no ' +
    'renditions are made for this type, e.g. PDF or SVG), CONTENT_MISSING (the stored bytes are gone), ' +
    'STORAGE_FAILED (writing a rendition failed). retryable is true only where running it again can succeed ' +
    '(STORAGE_FAILED: MediaProcessingService.retry). Once per processing run.',
})
export class MediaProcessingFailedPayload extends DomainPayload {
  @UuidField({ description: 'The uploaded file' }) fileId!: string;
  @DateTimeField({ description: 'When processing stopped' }) failedAt!: string;
  @StringField({ optional: true, description: 'Stable code of the failure', examples: ['CORRUPT_IMAGE', 'UNSUPPORTED_MEDIA_TYPE'] }) errorCode?: string;
  @StringField({ description: 'What went wrong, for people' }) errorMessage!: string;
  @BooleanField({ optional: true, description: 'Whether processing the same file again may succeed' }) retryable?: boolean;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    FILE_UPLOADED: FileUploadedPayload;
    MEDIA_PROCESSING_SUCCEEDED: MediaProcessingSucceededPayload;
    MEDIA_PROCESSING_FAILED: MediaProcessingFailedPayload;
  }
}
