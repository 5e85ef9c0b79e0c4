import { DeadLetter, DeadLetterReason } from './event-bus';
import { RawEntry, toFields } from './redis-entries';
import { WireFields } from './wire';

/** Fields a dead letter adds to the original entry's (DESIGN.md "Envelope"). */
const DLQ_FIELDS = ['original_id', 'error_code', 'error_message', 'deliveries', 'moved_at'] as const;

export function deadLetterFields(originalId: string, fields: WireFields, reason: DeadLetterReason, deliveries: number): WireFields {
  return {
    ...fields,
    original_id: originalId,
    error_code: reason.code,
    error_message: reason.message.slice(0, 4000),
    deliveries: String(deliveries),
    moved_at: new Date().toISOString(),
  };
}

export function fromDeadLetterEntry([id, flat]: RawEntry): DeadLetter {
  const all = toFields(flat ?? []);
  const fields: WireFields = {};
  for (const [k, v] of Object.entries(all)) if (!(DLQ_FIELDS as readonly string[]).includes(k)) fields[k] = v;
  return {
    id,
    originalId: all.original_id ?? '',
    fields,
    reason: { code: all.error_code ?? 'UNKNOWN', message: all.error_message ?? '' },
    deliveries: Number(all.deliveries ?? 0),
    movedAt: all.moved_at ?? '',
  };
}

/**
 * Acknowledges the entry and appends its dead letter in one atomic step, and only when the entry
 * was still pending: two consumers that both gave up on it never dead-letter it twice.
 * KEYS: stream, dlq stream. ARGV: group, entry id, dead-letter fields…
 */
export const MOVE_TO_DLQ = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return false end
return redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))`;

/**
 * Removes the dead letter and re-appends its original fields to the stream, atomically: a replay
 * is never lost half-way nor done twice by concurrent replays. KEYS: stream, dlq. ARGV: dlq id, fields…
 */
export const REPLAY_DLQ = `
if redis.call('XDEL', KEYS[2], ARGV[1]) == 0 then return false end
return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))`;
