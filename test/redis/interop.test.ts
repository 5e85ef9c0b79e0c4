import { expect } from 'chai';
import Redis from 'ioredis';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { invoiceFinalized } from './support/envelopes';
import { describeWithRedis } from './support/redis';

/** What the seed product's workflow worker does: plain XREADGROUP, flat fields, JSON payload. */
describeWithRedis('wire format interop: a plain ioredis consumer', ({ url, stream }) => {
  it('reads the flat fields and parses payload_json to the payload', async () => {
    const name = stream();
    const bus = new RedisStreamsBus({ url, stream: name, trimIntervalMs: 0 });
    const plain = new Redis(url);
    try {
      await plain.xgroup('CREATE', name, 'legacy-worker', '$', 'MKSTREAM');
      const event = invoiceFinalized();
      await bus.publish([event]);

      const reply = (await plain.xreadgroup('GROUP', 'legacy-worker', 'w1', 'COUNT', 1, 'BLOCK', 1000, 'STREAMS', name, '>')) as Array<[string, Array<[string, string[]]>]>;
      const [[, [[entryId, flat]]]] = reply;
      const fields: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1];

      expect(fields).to.include({
        event_id: event.id,
        event_name: 'Invoice Finalized',
        event_type: 'INVOICE_FINALIZED',
        tenant: event.tenantId,
        timestamp: event.occurredAt,
        user_id: event.actorUserId,
        payload_schema_ref: 'payload.InvoiceFinalized.v1',
        correlation_id: event.correlationId,
        traceparent: '',
      });
      expect(JSON.parse(fields.payload_json)).to.deep.equal(event.payload);
      expect(await plain.xack(name, 'legacy-worker', entryId)).to.equal(1);
    } finally {
      plain.disconnect();
      await bus.close();
    }
  });
});
