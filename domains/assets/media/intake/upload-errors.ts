import { DomainInputError, DomainStateError } from '../../../../lib/kit';

/** An upload refused before anything was stored; `field` names what is wrong (`fileName`, `contentType`, `file`). */
export class UploadInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'UPLOAD_INVALID', 'upload');
  }
}

/** The file is larger than the tenant's limit; nothing was kept. HTTP 413. */
export class UploadTooLargeError extends DomainInputError {
  constructor(readonly maxBytes: number) {
    super('file', `exceeds the limit of ${maxBytes} bytes for this tenant`, 'UPLOAD_TOO_LARGE', 'upload');
  }
}

/** The declared content type disagrees with what the bytes are; nothing was kept. HTTP 415. */
export class UploadTypeMismatchError extends DomainInputError {
  constructor(
    readonly declaredType: string,
    readonly detectedType: string,
  ) {
    super('contentType', `is declared ${declaredType} but the content is ${detectedType}`, 'UPLOAD_TYPE_MISMATCH', 'upload');
  }
}

/**
 * The stored content vanished between storing and recording it (a concurrent delete of the last
 * other reference to identical bytes): nothing was recorded; sending the file again succeeds.
 */
export class UploadRaceError extends DomainStateError {
  constructor() {
    super('The stored content was removed while the upload was being recorded: send the file again', 'UPLOAD_RETRY');
  }
}
