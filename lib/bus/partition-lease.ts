import type Redis from 'ioredis';

/**
 * The stream of partition `partition` of `partitions`: the base stream itself when there is one
 * partition (the wire contract's `workflow:events:global`), else `<base>:{p<n>}`. The braces are a
 * Redis Cluster hash tag: a partition's stream, its dead letters (`…:dlq`) and its lease keys share
 * one slot, so the scripts that touch several of them run on one node, while partitions spread
 * over the cluster. The base name must not contain braces itself.
 */
export function partitionStream(base: string, partition: number, partitions: number): string {
  return partitions <= 1 ? base : `${base}:{p${partition}}`;
}

/** Takes (when `ARGV[3]` is 1 and the lease is free) or renews the lease; 2 taken, 1 renewed, 0 held by another. */
export const TAKE_OR_RENEW_LEASE = `
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if (not cur) and ARGV[3] == '1' then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 2
end
return 0`;

export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The fair share of partitions for the consumers of one process: every consumer process announces
 * itself in a sorted set (`key`, scored by time; members silent for `ttlMs` drop out), and a
 * process takes at most ceil(partitions / live processes) partition leases, releasing extra ones
 * when others join. Shared by the process's partition subscriptions.
 */
export class LeaseShare {
  /** Leases this process holds now. */
  held = 0;
  private members = 1;
  private nextBeat = 0;
  private beats = 0;

  constructor(
    readonly key: string,
    readonly member: string,
    readonly partitions: number,
    readonly ttlMs: number,
  ) {}

  /** Announces this process and counts the live ones (at most once a second, or every ttl/4 if shorter). */
  async refresh(redis: Redis): Promise<void> {
    const now = Date.now();
    if (now < this.nextBeat) return;
    this.nextBeat = now + Math.min(1000, this.ttlMs / 4);
    const replies = await redis
      .multi()
      .zadd(this.key, now, this.member)
      .zremrangebyscore(this.key, '-inf', now - this.ttlMs)
      .zcard(this.key)
      .pexpire(this.key, this.ttlMs * 4)
      .exec();
    const card = replies?.[2]?.[1];
    if (typeof card === 'number' && card > 0) this.members = card;
    this.beats++;
  }

  /**
   * Whether the membership has been read twice (a second apart): processes started together have
   * all announced themselves by then, so none takes every partition only to give most back.
   */
  get settled(): boolean {
    return this.beats >= 2;
  }

  /** Leaves at once (a stopping process), so the others take its share without waiting for ttl. */
  async leave(redis: Redis): Promise<void> {
    await redis.zrem(this.key, this.member);
  }

  get quota(): number {
    return this.settled ? Math.ceil(this.partitions / Math.max(1, this.members)) : 0;
  }
}

export interface ExclusiveOptions {
  /** How long a lease lasts without renewal (renewed before every read); default 10 s. */
  leaseMs?: number;
  /** The process's share of partitions; without it a consumer takes its partition whenever free. */
  share?: LeaseShare;
}
