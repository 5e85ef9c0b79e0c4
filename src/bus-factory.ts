import { EventBus } from '../lib/bus/event-bus';
import { InMemoryBus } from '../lib/bus/memory-bus';
import { RedisStreamsBus } from '../lib/bus/redis-streams-bus';
import { AppConfig } from './config';
import { createLogger } from './logger';

/** REDIS_URL selects Redis Streams; otherwise the embedded in-memory bus. */
export function createBus(config: AppConfig): EventBus {
  if (!config.redisUrl) return new InMemoryBus();
  const logger = createLogger(config.logLevel);
  return new RedisStreamsBus({
    url: config.redisUrl,
    stream: config.stream,
    trimIntervalMs: config.trimIntervalMs,
    // Outages are retried by the bus itself; log them, throttled by its back-off.
    onError: (err, context) => logger.warn({ context, err: err.message }, 'redis streams: recovering'),
  });
}
