import { randomFillSync } from 'node:crypto';

/** What travels from the outbox to the workflow runtime. `id` is the de-duplication key end to end. */
export interface EventEnvelope<P = Record<string, unknown>> {
  id: string;
  eventType: string;
  /** The catalog's human name (wire field `event_name`). */
  eventName?: string;
  schemaRef: string;
  tenantId: string;
  occurredAt: string;
  actorUserId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  /**
   * Id of the entity the event is about (the DTO's declared `subject` field, else inferred): the
   * CloudEvents `subject` and the event's ordering key.
   */
  subject?: string;
  payload: P;
}

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let poolAt = POOL_SIZE;
const HEX = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));
let lastMs = -1;
let counter = 0;

/**
 * A UUID v7 (RFC 9562 §5.7), lower case: 48-bit Unix ms, then a 12-bit counter in `rand_a` (RFC
 * 9562 §6.2 method 1: random start per millisecond, +1 per id, so ids of one process sort in
 * creation order; an exhausted counter borrows the next millisecond), then 62 random bits.
 * Random bytes come from a pooled `crypto.randomFillSync` (the uuid package copies 16 bytes per id).
 */
export function newEventId(): string {
  if (poolAt > POOL_SIZE - 10) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 10;
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = ((pool[r] & 0x07) << 8) | pool[r + 1]; // start in the lower half: room to count up
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  ms = lastMs;
  const hi = Math.floor(ms / 0x100000000);
  const lo = ms >>> 0;
  return (
    HEX[(hi >>> 8) & 0xff] + HEX[hi & 0xff] + HEX[lo >>> 24] + HEX[(lo >>> 16) & 0xff] + '-' +
    HEX[(lo >>> 8) & 0xff] + HEX[lo & 0xff] + '-' +
    HEX[0x70 | (counter >>> 8)] + HEX[counter & 0xff] + '-' +
    HEX[0x80 | (pool[r + 2] & 0x3f)] + HEX[pool[r + 3]] + '-' +
    HEX[pool[r + 4]] + HEX[pool[r + 5]] + HEX[pool[r + 6]] + HEX[pool[r + 7]] + HEX[pool[r + 8]] + HEX[pool[r + 9]]
  );
}
