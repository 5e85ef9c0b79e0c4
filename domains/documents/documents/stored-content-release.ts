import { injectable } from 'tsyringe';
import { BlobStore, UnitOfWork } from '../../../lib/kit';
import { lockStorageKey, MediaFileService } from '../../assets';
import { DocumentRepository } from './document-repository';

/**
 * Removes stored content nobody uses any more: no live document (of any tenant) and no media file
 * or rendition. Runs after the deleting transaction committed, in a transaction of its own holding
 * the storage key's lock, so an upload of identical bytes recorded meanwhile keeps them.
 *
 * Covers the stores of documents and media. Other modules that put blobs (raw webhook bodies,
 * raw mail) are not asked; identical bytes across them are not expected, and their keys differ
 * from document content in practice.
 */
@injectable()
export class StoredContentRelease {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly blobs: BlobStore,
    private readonly documents: DocumentRepository,
    private readonly media: MediaFileService,
  ) {}

  /** Resolves with whether the content was removed. */
  release(storageKey: string): Promise<boolean> {
    return this.uow.run(async (trx) => {
      await lockStorageKey(trx, storageKey);
      if ((await this.documents.references(storageKey)) || (await this.media.usesStoredContent(storageKey))) return false;
      await this.blobs.delete(storageKey);
      return true;
    });
  }
}
