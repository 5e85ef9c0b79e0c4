import type Redis from 'ioredis';
import { toRecord } from './redis-entries';
import { compareStreamIds, nextStreamId } from './redis-stream-id';

/**
 * The id below which every consumer group has acknowledged every entry, or undefined when nothing
 * may go. Per group the first entry still needed is its oldest pending one or, with none pending,
 * the one after its last-delivered id. Both only ever move forward, so the answer stays safe
 * while groups keep reading. A stream without groups is left whole: a group created later reads
 * it from the start.
 */
export async function safeTrimId(redis: Redis, stream: string): Promise<string | undefined> {
  let groups: unknown[][];
  try {
    groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  } catch (err) {
    if (/no such key/i.test((err as Error).message)) return undefined;
    throw err;
  }
  if (!groups.length) return undefined;
  let floor: string | undefined;
  for (const row of groups) {
    const g = toRecord(row);
    const [count, oldestPending] = (await redis.xpending(stream, String(g.name))) as [number, string | null];
    const needed = Number(count) > 0 && oldestPending ? oldestPending : nextStreamId(String(g['last-delivered-id']));
    if (floor === undefined || compareStreamIds(needed, floor) < 0) floor = needed;
  }
  return floor;
}

/** Removes the entries every group has acknowledged (exact XTRIM MINID); returns how many. */
export async function trimAcknowledged(redis: Redis, stream: string): Promise<number> {
  const minId = await safeTrimId(redis, stream);
  if (!minId) return 0;
  return Number(await redis.xtrim(stream, 'MINID', minId));
}

/** Trims a stream periodically instead of capping it blindly with `MAXLEN ~`, which drops unread entries. */
export class StreamTrimmer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly intervalMs: number,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer || !(this.intervalMs > 0)) return; // 0 or not a number: trimming off
    this.timer = setInterval(() => {
      this.running ??= trimAcknowledged(this.redis, this.stream)
        .then(() => undefined, (err) => this.onError(err as Error))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
