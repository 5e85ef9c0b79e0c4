import { injectable } from 'tsyringe';
import { OnEvent } from '../../../../lib/kit';
import { MediaFileNotFoundError } from '../media-errors';
import { FileUploadedPayload } from '../media.events';
import { MediaProcessingService } from './media-processing-service';

/**
 * The consumer side of the media pipeline: on FILE_UPLOADED, on the worker, makes the file's
 * thumbnail and preview (MediaProcessingService.process). Runs once per event id; its writes and
 * events commit with its receipt. An event about a file this tenant does not have (a simulated
 * event, `wfe simulate`) has nothing to process: it is acknowledged and emits nothing, rather than
 * failing on every retry.
 */
@injectable()
export class MediaProcessor {
  constructor(private readonly processing: MediaProcessingService) {}

  @OnEvent('FILE_UPLOADED')
  async onFileUploaded(payload: FileUploadedPayload): Promise<void> {
    try {
      await this.processing.process(payload.fileId);
    } catch (err) {
      if (!(err instanceof MediaFileNotFoundError)) throw err;
    }
  }
}
