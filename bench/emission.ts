import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { container } from 'tsyringe';
import { EmitsEvent, EmitterDefinition } from '../decorators';
import { allModules } from '../domains';
import { EventEnvelope } from '../lib/bus/envelope';
import { EmissionPipeline } from '../lib/emission/emission-pipeline';
import { withEmissionContext } from '../lib/emission/emission-context';
import { MethodInvoker, wrapInstance } from '../lib/interception/intercept-container';
import { ClassValidatorValidator } from '../lib/schema/class-validator-validator';
import { CompiledValidator } from '../lib/schema/compiled-validator';
import { SchemaRegistry } from '../lib/schema/registry';
import { Validator } from '../lib/schema/validator';
import { specDtos } from './spec-dtos';

/**
 * Per-event cost of a decorated call (intercept + map + enrich + canonicalise + validate + envelope
 * + stage in memory, no database) with the runtime's validator (compiled, complete: formats,
 * patterns, forbidden content), beside the same undecorated call, measured in interleaved rounds
 * with the full catalog registered. The class-validator reference is timed apart, for comparison.
 * Last line: `emission: <X> us/event overhead, <D> DTO classes` (X = median of decorated −
 * undecorated over 7 rounds).
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
  @EmitsEvent('INVOICE_FINALIZED', (i: Invoice) => ({ invoiceId: i.id, clientId: i.clientId, totalAmount: i.totalAmount, status: i.status, invoiceNumber: i.invoiceNumber }))
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
  const domainEvents = allModules.flatMap((m) => m.events());
  const synthesized = specDtos(new Set(domainEvents.map((d) => d.type)));
  const registry = new SchemaRegistry([...domainEvents, ...synthesized]);
  const fromDomains = domainEvents.length;
  const reference = new ClassValidatorValidator(registry);
  const compiled = new CompiledValidator(registry, reference);
  const staged: EventEnvelope[] = [];
  const decoratedWith = (validator: Validator) => {
    const pipeline = new EmissionPipeline(registry, validator);
    const invoker: MethodInvoker = {
      async invoke(instance, emitters: EmitterDefinition[], original, args) {
        const result = await original.apply(instance, args);
        for (const e of emitters) staged.push(...pipeline.fromEmitter(e, result, args));
        return result;
      },
    };
    return { pipeline, service: wrapInstance(new DecoratedInvoices(), invoker) };
  };
  const plain = container.resolve(PlainInvoices);
  const viaClassValidator = decoratedWith(reference);
  const viaCompiled = decoratedWith(compiled);
  const classes = (getMetadataStorage() as any).validationMetadatas.size as number;
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 50000);
  const ctx = { tenantId: 'c0a80101-0000-4000-8000-000000000001', actorUserId: 'c0a80101-0000-4000-8000-000000000002' };

  await withEmissionContext(ctx, async () => {
    // Staged envelopes are kept per unit of work (a transaction of 100 events), then dropped, as
    // the outbox insert at commit would: the heap does not grow with the iteration count.
    const flush = () => {
      if (staged.length >= 100) staged.length = 0;
    };
    const compiledCall = () => {
      flush();
      return viaCompiled.service.finalize('x');
    };
    const referenceCall = () => {
      flush();
      return viaClassValidator.service.finalize('x');
    };
    // Warm up both paths (JIT, ajv compiles the ref on first use).
    await timePerOp(() => plain.finalize('x'), 5000);
    await timePerOp(compiledCall, 5000);
    staged.length = 0;
    // The runtime's path (compiled validator) beside the undecorated call, interleaved rounds so
    // machine noise hits both sides alike; the class-validator reference is timed apart, after,
    // so its garbage does not land in the rounds that count.
    const rounds: Array<{ plain: number; compiled: number }> = [];
    for (let r = 0; r < 7; r++) {
      const p = await timePerOp(() => plain.finalize('x'), iterations);
      const c = await timePerOp(compiledCall, iterations);
      rounds.push({ plain: p, compiled: c });
    }
    staged.length = 0;
    await timePerOp(referenceCall, 2000);
    const cv = await timePerOp(referenceCall, Math.max(1000, iterations / 5));
    staged.length = 0;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const p = median(rounds.map((r) => r.plain));
    const c = median(rounds.map((r) => r.compiled));
    const overhead = median(rounds.map((r) => r.compiled - r.plain));
    const ref = 'payload.InvoiceFinalized.v1';
    const sample = viaCompiled.pipeline.build('INVOICE_FINALIZED', { invoiceId: invoice.id, totalAmount: 1 }, 1).payload;
    const cvValidate = await timePerOp(async () => reference.validate(ref, sample), Math.max(1000, iterations / 5));
    const compiledValidate = await timePerOp(async () => compiled.validate(ref, sample), iterations);
    const us = (ns: number) => (ns / 1000).toFixed(3).padStart(7);
    console.log('bench/emission — INVOICE_FINALIZED, map + enrich + canonicalise + validate + envelope + stage (no database)');
    console.log(`  DTO classes with validation metadata: ${classes} (${fromDomains} events from domains/, ${synthesized.length} synthesized from the spec)`);
    console.log(`  iterations per round: ${iterations}, rounds: 7 (median)`);
    console.log(`  undecorated call:                     ${us(p)} µs/call`);
    console.log(`  decorated call, compiled (ajv):       ${us(c)} µs/event  (validate alone ${us(compiledValidate)} µs)  ${(c / p).toFixed(1)}x undecorated`);
    console.log(`  decorated call, class-validator:      ${us(cv)} µs/event  (validate alone ${us(cvValidate)} µs)  reference only`);
    console.log(`  compiled/class-validator disagreements: ${compiled.disagreementCount}`);
    console.log(`emission: ${(overhead / 1000).toFixed(2)} us/event overhead, ${classes} DTO classes`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
