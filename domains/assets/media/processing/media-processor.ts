import { injectable } from 'tsyringe';
import { OnEvent } from '../../../../lib/kit';
import { FileUploadedPayload } from '../media.events';
import { MediaProcessingService } from './media-processing-service';

/**
 * The consumer side of the media pipeline: on FILE_UPLOADED, on the worker, makes the file's
 * thumbnail and preview (MediaProcessingService.process). Runs once per event id; its writes and
 * events commit with its receipt.
 */
@injectable()
export class MediaProcessor {
  constructor(private readonly processing: MediaProcessingService) {}

  @OnEvent('FILE_UPLOADED')
  async onFileUploaded(payload: FileUploadedPayload): Promise<void> {
    await this.processing.process(payload.fileId);
  }
}
