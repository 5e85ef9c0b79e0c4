/** An upload whose bytes are stored (content-addressed) but not yet recorded by any module. */
export interface StoredUpload {
  /** Normalised (normaliseFileName). */
  fileName: string;
  /** From the bytes (resolveContentType), lower case, no parameters. */
  contentType: string;
  sizeBytes: number;
  /** `sha256:<hex>`: the blob store key. */
  storageKey: string;
}

export interface UploadSource {
  /** The bytes: a stream (never buffered whole) or a buffer. */
  file: NodeJS.ReadableStream | Buffer;
  /** As the client named it; normalised before storing. */
  fileName: string;
  /** What the client says the type is; refused when the bytes disagree. Optional. */
  contentType?: string;
}
