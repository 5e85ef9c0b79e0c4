import { DomainError, DomainInputError, DomainNotFoundError } from '../../../../lib/kit';
import { UploadRaceError, UploadTooLargeError, UploadTypeMismatchError } from '../intake/upload-errors';

/** HTTP status of a refused upload or file action. */
export function uploadStatusOf(err: DomainError): number {
  if (err instanceof UploadTooLargeError) return 413;
  if (err instanceof UploadTypeMismatchError) return 415;
  if (err instanceof UploadRaceError) return 503;
  if (err instanceof DomainInputError) return 400;
  if (err instanceof DomainNotFoundError) return 404;
  return 409;
}
