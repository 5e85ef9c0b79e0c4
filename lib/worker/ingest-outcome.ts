import { EntryOutcome } from '../bus/event-bus';

export const ack: EntryOutcome = { kind: 'ack' };

/** Entries that can never succeed are dead-lettered at once instead of retried. */
export function deadLetter(code: string, message: string): EntryOutcome {
  return { kind: 'dead-letter', reason: { code, message } };
}

export function retry(code: string, message: string): EntryOutcome {
  return { kind: 'retry', reason: { code, message } };
}

/**
 * The infrastructure failed, not the entry: leave it pending and try again after a back-off,
 * without counting this delivery toward `maxDeliveries`.
 */
export function defer(code: string, message: string): EntryOutcome {
  return { kind: 'defer', reason: { code, message } };
}
