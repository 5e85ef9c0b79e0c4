import { Asset } from '../assets/asset';
import { AssetOwner } from './owner';

/** What assign() or unassign() did; `previous` and `next` equal (assigning the current owner) means nothing changed. */
export interface OwnershipChange {
  asset: Asset;
  previous?: AssetOwner;
  next?: AssetOwner;
  byUserId: string;
  at: Date;
  reason?: string;
}
