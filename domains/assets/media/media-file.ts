/** Where a file stands in the media pipeline. */
export type MediaStatus = 'uploaded' | 'processed' | 'failed';

/** A thumbnail or preview made from an uploaded image. */
export interface Rendition {
  kind: 'thumbnail' | 'preview';
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  /** Pixels, after EXIF orientation. */
  width: number;
  height: number;
}

/** A file uploaded to the media pipeline, as services return it. */
export interface MediaFile {
  id: string;
  tenantId: string;
  /** The asset the file shows or documents (a photo of the device), if any. */
  assetId?: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  uploadedByUserId: string;
  uploadedAt: Date;
  status: MediaStatus;
  /** Pixels of the original, after EXIF orientation, once processed. */
  width?: number;
  height?: number;
  renditions: Rendition[];
  processedAt?: Date;
  errorCode?: string;
  errorMessage?: string;
  retryable?: boolean;
}

/** What one processing run did: the file after it, how long it took, and whether it changed anything. */
export interface ProcessingOutcome {
  file: MediaFile;
  /** False when the file had already been processed (a repeated delivery): no event. */
  ran: boolean;
  durationMs: number;
}
