import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { container } from 'tsyringe';
import { allDomainEvents, EmitsEvent, EmitterDefinition } from '../decorators';
import '../domains';
import { EventEnvelope } from '../lib/bus/envelope';
import { EmissionPipeline } from '../lib/emission/emission-pipeline';
import { withEmissionContext } from '../lib/emission/emission-context';
import { MethodInvoker, wrapInstance } from '../lib/interception/intercept-container';
import { ClassValidatorValidator } from '../lib/schema/class-validator-validator';
import { SchemaRegistry } from '../lib/schema/registry';
import { registerSpecDtos } from './spec-dtos';

/**
 * Per-event cost of a decorated call (intercept + map + enrich + validate + stage in memory, no
 * database) beside the same undecorated call, measured side by side in one run.
 */

interface Invoice {
  id: string;
  clientId: string;
  totalAmount: number;
  status: string;
  invoiceNumber: string;
}

const invoice: Invoice = {
  id: '0190a5c4-9c1e-7a51-8d7c-3f5e0a1b2c3d',
  clientId: '5f0c7a6e-2b1d-4c3e-9f8a-7b6c5d4e3f2a',
  totalAmount: 47500,
  status: 'finalized',
  invoiceNumber: 'INV-000042',
};

class PlainInvoices {
  async finalize(_id: string): Promise<Invoice> {
    return invoice;
  }
}

class DecoratedInvoices {
  @EmitsEvent('INVOICE_FINALIZED', (i: Invoice) => ({ invoiceId: i.id, clientId: i.clientId, totalAmount: i.totalAmount, status: i.status, invoiceNumber: i.invoiceNumber }), { version: 1 })
  async finalize(_id: string): Promise<Invoice> {
    return invoice;
  }
}

async function timePerOp(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

async function main(): Promise<void> {
  const fromDomains = allDomainEvents().length;
  const synthesized = registerSpecDtos(new Set(allDomainEvents().map((d) => d.type)));
  const registry = new SchemaRegistry();
  const validator = new ClassValidatorValidator(registry);
  const pipeline = new EmissionPipeline(registry, validator);
  const staged: EventEnvelope[] = [];
  const invoker: MethodInvoker = {
    async invoke(instance, emitters: EmitterDefinition[], original, args) {
      const result = await original.apply(instance, args);
      for (const e of emitters) staged.push(...pipeline.fromEmitter(e, result, args));
      return result;
    },
  };
  const plain = container.resolve(PlainInvoices);
  const decorated = wrapInstance(new DecoratedInvoices(), invoker);
  const classes = (getMetadataStorage() as any).validationMetadatas.size as number;
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 20000);
  const ctx = { tenantId: 'c0a80101-0000-4000-8000-000000000001', actorUserId: 'c0a80101-0000-4000-8000-000000000002' };

  await withEmissionContext(ctx, async () => {
    // Warm up both paths (JIT, class-validator caches).
    await timePerOp(() => plain.finalize('x'), 2000);
    await timePerOp(() => decorated.finalize('x'), 2000);
    staged.length = 0;
    const rounds: Array<{ plain: number; decorated: number }> = [];
    for (let r = 0; r < 5; r++) {
      // Interleaved rounds so machine noise hits both sides alike.
      const p = await timePerOp(() => plain.finalize('x'), iterations);
      const heapBefore = process.memoryUsage().heapUsed;
      const d = await timePerOp(() => decorated.finalize('x'), iterations);
      const heapPerEvent = (process.memoryUsage().heapUsed - heapBefore) / iterations;
      rounds.push({ plain: p, decorated: d });
      staged.length = 0;
      if (r === 4) console.log(`  heap growth while staging (envelopes kept until the round ends): ~${Math.round(heapPerEvent)} B/event`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p = median(rounds.map((r) => r.plain));
    const d = median(rounds.map((r) => r.decorated));
    const sample = pipeline.build('INVOICE_FINALIZED', { invoiceId: invoice.id, totalAmount: 1 }, 1).payload;
    const validateOnly = await timePerOp(async () => validator.validate('payload.InvoiceFinalized.v1', sample), iterations);
    console.log('bench/emission — INVOICE_FINALIZED, map + enrich + validate + stage (no database)');
    console.log(`  DTO classes with validation metadata: ${classes} (${fromDomains} events from domains/, ${synthesized} synthesized from the spec)`);
    console.log(`  iterations per round: ${iterations}, rounds: 5 (median)`);
    console.log(`  undecorated call:   ${(p / 1000).toFixed(3)} µs/call`);
    console.log(`  decorated call:     ${(d / 1000).toFixed(3)} µs/event`);
    console.log(`  of which validate alone: ${(validateOnly / 1000).toFixed(3)} µs`);
    console.log(`  emission overhead:  ${((d - p) / 1000).toFixed(3)} µs/event`);
    console.log(`  ratio decorated/undecorated: ${(d / p).toFixed(1)}x`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
