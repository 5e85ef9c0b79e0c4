import { EventBus } from '../lib/bus/event-bus';
import { InMemoryBus } from '../lib/bus/memory-bus';
import { AppConfig } from './config';

/** REDIS_URL selects Redis Streams; otherwise the embedded in-memory bus. */
export function createBus(config: AppConfig): EventBus {
  if (config.redisUrl) throw new Error('REDIS_URL is set but the Redis Streams bus is not available in this build');
  return new InMemoryBus();
}
