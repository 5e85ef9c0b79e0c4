import { DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class MediaFileNotFoundError extends DomainNotFoundError {
  constructor(readonly fileId: string) {
    super('file', fileId, 'FILE_NOT_FOUND');
  }
}

/** retry() on a file whose processing cannot succeed by running again. */
export class MediaNotRetryableError extends DomainStateError {
  constructor(readonly fileId: string, status: string) {
    super(`File ${fileId} is ${status}: processing it again would not change the outcome`, 'MEDIA_NOT_RETRYABLE');
  }
}
