import { EventStatus } from '../../decorators';
import { JsonSchema } from '../schema/json-schema';

/** One catalog row as assembled from the decorator metadata. */
export interface CatalogEntry {
  eventType: string;
  category: string;
  module?: string;
  name: string;
  description: string;
  status: EventStatus;
  /** The latest registered version's ref. */
  payloadSchemaRef: string;
  payloadSchema: JsonSchema;
  /** Every registered ref of the type, oldest first. */
  versions: string[];
  /** `Service.method` of each emitter. */
  emitters: string[];
  supersededBy?: string[];
  rationale?: string;
}
