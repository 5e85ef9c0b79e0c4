import { EventBus } from '../lib/bus/event-bus';
import { InMemoryBus } from '../lib/bus/memory-bus';
import { RedisStreamsBus } from '../lib/bus/redis-streams-bus';
import { AppConfig } from './config';
import { createLogger } from './logger';

/** REDIS_URL selects Redis Streams; otherwise the embedded in-memory bus. */
export function createBus(config: AppConfig, stream = config.stream): EventBus {
  if (!config.redisUrl) return new InMemoryBus();
  const logger = createLogger(config.logLevel);
  return new RedisStreamsBus({
    url: config.redisUrl,
    stream,
    trimIntervalMs: config.trimIntervalMs,
    // Outages are retried by the bus itself; logged when they start and when they end.
    onError: (err, context) => logger.error({ context, err: err.message }, 'redis streams: unavailable, retrying with back-off'),
    onRecovered: (context, info) => logger.error({ context, ...info }, 'redis streams: available again'),
    onConnectionReplaced: (connection, reason) => logger.warn({ connection, reason }, 'redis streams: connection stopped answering, replaced'),
  });
}
