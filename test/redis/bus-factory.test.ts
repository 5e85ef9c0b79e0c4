import { expect } from 'chai';
import { InMemoryBus } from '../../lib/bus/memory-bus';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { createBus } from '../../src/bus-factory';
import { loadConfig } from '../../src/config';

describe('createBus', () => {
  it('selects Redis Streams when REDIS_URL is set, on WFE_STREAM, without connecting yet', async () => {
    const bus = createBus(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', WFE_STREAM: 'custom:stream' }));
    expect(bus).to.be.instanceOf(RedisStreamsBus);
    expect((bus as RedisStreamsBus).stream).to.equal('custom:stream');
    expect((bus as RedisStreamsBus).dlqStream).to.equal('custom:stream:dlq');
    expect((bus as RedisStreamsBus).redis.status).to.equal('wait');
    await bus.close();
  });

  it('defaults to the stream workflow:events:global, and the in-memory bus without REDIS_URL', async () => {
    const bus = createBus(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1' })) as RedisStreamsBus;
    expect(bus.stream).to.equal('workflow:events:global');
    await bus.close();
    expect(createBus(loadConfig({}))).to.be.instanceOf(InMemoryBus);
  });
});
