import { declareDomainModule } from '../../lib/kit';

/**
 * Assets: the devices an MSP manages for its clients (inventory, ownership, warranty) and the
 * media pipeline for uploaded files (events of category Media: FILE_UPLOADED and its processing).
 */
export const assets = declareDomainModule({ name: 'assets', category: 'Assets' });
