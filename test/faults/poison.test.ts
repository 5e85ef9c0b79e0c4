import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { DeadLetter } from '../../lib/bus/event-bus';
import { newEventId } from '../../lib/bus/envelope';
import { EFFECTS_CONFIG, LATE_EVENT_CONFIG } from './support/processes';
import { describeFault, expectNothingLost, RELAY_ARGS, until, WORKER_ARGS } from './support/fault-suite';
import { FaultEnv } from './support/fault-env';

/** Flat fields as a foreign producer might XADD them; `overrides` break one thing at a time. */
function entry(eventType: string, schemaRef: string, payload: Record<string, unknown> | string, overrides: Record<string, string> = {}): Record<string, string> {
  const tenant = typeof payload === 'string' ? uuidv4() : String(payload.tenantId);
  return {
    event_id: newEventId(),
    event_name: eventType,
    event_type: eventType,
    tenant,
    // The envelope's time is the payload's (TIMESTAMP_MISMATCH otherwise).
    timestamp: typeof payload === 'string' ? new Date().toISOString() : String(payload.occurredAt),
    user_id: '',
    payload_json: typeof payload === 'string' ? payload : JSON.stringify(payload),
    payload_schema_ref: schemaRef,
    correlation_id: '',
    traceparent: '',
    ...overrides,
  };
}

const finalizedPayload = (overrides: Record<string, unknown> = {}) => ({
  tenantId: uuidv4(),
  occurredAt: new Date().toISOString(),
  invoiceId: uuidv4(),
  status: 'finalized',
  ...overrides,
});

async function deadLetters(env: FaultEnv): Promise<DeadLetter[]> {
  return JSON.parse(await env.processes.run(['dlq', 'list', '--json']));
}

describeFault('fault: poison entries XADDed straight onto the stream', (fresh) => {
  it('dead-letters each with its reason, keeps business events flowing, and replays once the cause is fixed', async () => {
    const env = await fresh();
    const worker1 = await env.processes.start('worker-1', [...WORKER_ARGS, '--claim-idle', '1000'], { config: EFFECTS_CONFIG });
    await env.processes.start('relay', RELAY_ARGS);

    const late = entry('FAULT_LATE_EVENT', 'payload.FaultLateEvent.v1', { tenantId: uuidv4(), occurredAt: new Date().toISOString(), probeId: uuidv4() });
    const poison = {
      BAD_ENVELOPE: entry('INVOICE_FINALIZED', 'payload.InvoiceFinalized.v1', '{"tenantId": "not json'),
      UNKNOWN_EVENT_TYPE: late,
      INVALID_PAYLOAD: entry('INVOICE_FINALIZED', 'payload.InvoiceFinalized.v1', finalizedPayload({ invoiceId: 'not-a-uuid' })),
      TENANT_MISMATCH: entry('INVOICE_FINALIZED', 'payload.InvoiceFinalized.v1', finalizedPayload(), { tenant: uuidv4() }),
    };
    const actions = env.businessActions(20, { concurrency: 2 });
    for (const fields of Object.values(poison)) await env.redis.xadd(env.stream, '*', ...Object.entries(fields).flat());
    await actions;

    const dead = await until(async () => {
      const letters = await deadLetters(env);
      return letters.length === 4 ? letters : undefined;
    }, 20_000, 'four dead letters');
    expect(dead.map((d) => d.reason.code).sort()).to.deep.equal(Object.keys(poison).sort());
    for (const d of dead) {
      expect(d.fields, d.reason.code).to.deep.equal(poison[d.reason.code as keyof typeof poison]);
      expect(d.deliveries).to.equal(1);
    }
    expect(dead.find((d) => d.reason.code === 'INVALID_PAYLOAD')!.reason.message).to.match(/invoiceId/);
    expect(dead.find((d) => d.reason.code === 'BAD_ENVELOPE')!.reason.message).to.match(/not JSON/);
    expect(dead.find((d) => d.reason.code === 'TENANT_MISMATCH')!.reason.message).to.match(/differs from payload tenantId/);

    // The fix for an unknown type: a worker that knows it. The old one stops gracefully.
    expect((await env.processes.kill(worker1, 'SIGTERM')).code, 'graceful exit on SIGTERM').to.equal(0);
    await env.processes.start('worker-2', [...WORKER_ARGS, '--claim-idle', '1000'], { config: LATE_EVENT_CONFIG });
    const lateDead = dead.find((d) => d.reason.code === 'UNKNOWN_EVENT_TYPE')!;
    expect(await env.processes.run(['dlq', 'replay', lateDead.id])).to.match(/1 dead letter\(s\) replayed/);
    const lateRow = await until(() => env.db('workflow_runtime_events').where({ event_id: late.event_id, status: 'processed' }).first(), 10_000, 'replayed event processed');
    expect(lateRow.event_type).to.equal('FAULT_LATE_EVENT');

    // The others are still broken: replayed, they come straight back as dead letters, nothing recorded.
    expect(await env.processes.run(['dlq', 'replay', '--all'])).to.match(/3 dead letter\(s\) replayed/);
    const again = await until(async () => {
      const letters = await deadLetters(env);
      return letters.length === 3 && letters.every((d) => !dead.some((old) => old.id === d.id)) ? letters : undefined;
    }, 10_000, 'three dead letters again');
    expect(again.map((d) => d.reason.code).sort()).to.deep.equal(['BAD_ENVELOPE', 'INVALID_PAYLOAD', 'TENANT_MISMATCH']);

    await env.settled();
    env.committed.push({ id: late.event_id } as never); // the replayed event counts as delivered like the committed ones
    const audit = await env.audit(4 + 4 - 1);
    env.report('poison entries', audit, `; dead letters: ${dead.length}, replayed and processed: 1, dead again after replay: ${again.length}`);
    expectNothingLost(audit);
    const effects = await env.count('select count(*) n from fault_effects where event_id = ?', [late.event_id]);
    expect(effects, 'the replayed event handled once').to.equal(1);
  });
});
