import { EventEnvelope } from '../bus/envelope';

/**
 * An event's ordering key: the id of its main entity (the envelope's `subject`: the field the DTO
 * declares with `subject`, else the one inferred from the event type), the tenant where there is
 * none. Events with the same key are published and handled in commit order (docs/scaling.md).
 * Lower case: PostgreSQL folds uuids, and `0F8F…` and `0f8f…` are one entity.
 */
export function orderingKeyOf(envelope: Pick<EventEnvelope, 'subject' | 'tenantId'>): string {
  return (envelope.subject || envelope.tenantId).toLowerCase();
}

/**
 * The partition (0 … partitions − 1) of an ordering key: 32-bit FNV-1a of its UTF-16 code units,
 * modulo the partition count. Stable across processes and releases: changing it (or the count)
 * while rows are unpublished would split a key across two partitions.
 */
export function partitionOf(key: string, partitions: number): number {
  if (partitions <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
