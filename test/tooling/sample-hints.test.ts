import Ajv from 'ajv';
import { expect } from 'chai';
import sinon from 'sinon';
import { allModules } from '../../domains';
import { FIELD_FORMATS } from '../../decorators';
import { registryFor } from '../../lib/runtime/event-runtime';
import { ordersModule } from '../fixtures/orders';
import { ClassValidatorValidator } from '../../lib/schema/class-validator-validator';
import { JsonSchema } from '../../lib/schema/json-schema';
import { samplePayload, SEEDED_NOW } from '../../lib/schema/sample-payload';

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);
const DAY_MS = 86_400_000;

/** Every schema node that declares `examples`, with its path (nested DTOs through their definitions). */
function nodesWithExamples(schema: JsonSchema): Array<{ path: string; node: JsonSchema }> {
  const out: Array<{ path: string; node: JsonSchema }> = [];
  const visit = (s: JsonSchema, prefix: string) => {
    for (const [k, v] of Object.entries<JsonSchema>(s.properties ?? {})) if (Array.isArray(v.examples)) out.push({ path: prefix + k, node: v });
  };
  visit(schema, '');
  for (const [name, def] of Object.entries<JsonSchema>(schema.definitions ?? {})) visit(def, `${name}.`);
  return out;
}

describe('tooling: samples that make sense for their event', () => {
  const registry = registryFor([...allModules, ordersModule]);
  const sample = (type: string, seed?: number, version?: number) => samplePayload(registry.jsonSchema(registry.resolve(type, version).schemaRef)!, { seed });

  it('every declared example passes its own field check (ajv with the decorators’ formats)', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    for (const [name, check] of Object.entries(FIELD_FORMATS)) ajv.addFormat(name, { type: 'string', validate: check });
    let checked = 0;
    for (const def of registry.all()) {
      const schema = registry.jsonSchema(def.schemaRef)!;
      for (const { path, node } of nodesWithExamples(schema)) {
        const { examples, ...rest } = node;
        const validate = ajv.compile({ ...rest, definitions: schema.definitions ?? {} });
        for (const example of examples) {
          expect(validate(example), `${def.schemaRef} ${path} example ${JSON.stringify(example)}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
          checked++;
        }
      }
    }
    expect(checked).to.be.greaterThan(20);
  });

  it('INVOICE_FINALIZED says finalized, INVOICE_GENERATED draft, at every seed', () => {
    for (const seed of SEEDS) {
      expect(sample('INVOICE_FINALIZED', seed).status, `seed ${seed}`).to.equal('finalized');
      expect(sample('INVOICE_GENERATED', seed).status, `seed ${seed}`).to.equal('draft');
    }
    expect(sample('INVOICE_FINALIZED').status).to.equal('finalized');
  });

  it('the n-th examples of a DTO’s fields go together: one story per payload', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const updated = sample('TICKET_UPDATED', seed);
      expect(updated.updatedFields, `seed ${seed}`).to.deep.equal(Object.keys(updated.changes as object));
      seen.add(JSON.stringify(updated.updatedFields));
      const created = sample('TICKET_CREATED', seed);
      expect(created.updatedFields).to.deep.equal(Object.keys(created.changes as object));
      expect(Object.values(created.changes as Record<string, { previous: unknown }>).map((c) => c.previous)).to.satisfy((p: unknown[]) => p.every((v) => v === null));
      const state = sample('TICKET_RESPONSE_STATE_CHANGED', seed);
      expect(state.previousResponseState, `seed ${seed}`).to.not.equal(state.newResponseState);
      const message = sample('TICKET_MESSAGE_ADDED', seed);
      expect([message.channel, message.authorType, message.visibility], `seed ${seed}`).to.deep.be.oneOf([
        ['email', 'user', 'public'],
        ['portal', 'contact', 'public'],
      ]);
      const breach = sample('TICKET_SLA_STAGE_BREACHED', seed);
      expect((Date.parse(breach.breachedAt as string) - Date.parse(breach.targetAt as string)) / 1000, `seed ${seed}`).to.equal(breach.overdueBySeconds);
      const met = sample('TICKET_SLA_STAGE_MET', seed);
      expect(Date.parse(met.metAt as string)).to.be.below(Date.parse(met.targetAt as string));
    }
    expect(seen.size, 'both examples of TICKET_UPDATED come up').to.equal(2);
  });

  it('a seed gives the same payload whenever it runs, dates included; without one, dates follow the clock', () => {
    const clock = sinon.useFakeTimers({ now: new Date('2026-05-01T00:00:00Z'), toFake: ['Date'] });
    try {
      const first = registry.all().map((d) => samplePayload(registry.jsonSchema(d.schemaRef)!, { seed: 7 }));
      clock.tick(90 * DAY_MS + 1234);
      const again = registry.all().map((d) => samplePayload(registry.jsonSchema(d.schemaRef)!, { seed: 7 }));
      expect(again).to.deep.equal(first);
      const occurred = Date.parse(first[0].occurredAt as string);
      expect(occurred).to.be.within(SEEDED_NOW.getTime() - 30 * DAY_MS, SEEDED_NOW.getTime());
      const unseeded = Date.parse(samplePayload(registry.jsonSchema(registry.all()[0].schemaRef)!).occurredAt as string);
      expect(unseeded).to.be.within(Date.now() - 30 * DAY_MS, Date.now());
    } finally {
      clock.restore();
    }
  });

  it('date-times without examples are the moment of the action, the same in one payload', () => {
    for (const seed of SEEDS) {
      const status = sample('TICKET_STATUS_CHANGED', seed);
      expect(status.changedAt, `seed ${seed}`).to.equal(status.occurredAt);
      expect(String(status.changedAt)).to.match(/:\d{2}\.000Z$/);
    }
  });

  it('samples of every ref stay valid at every seed (the runtime validator)', () => {
    const validator = new ClassValidatorValidator(registry);
    for (const def of registry.all()) {
      for (const seed of SEEDS) {
        const result = validator.validate(def.schemaRef, samplePayload(registry.jsonSchema(def.schemaRef)!, { seed }));
        expect(result.ok, `${def.schemaRef} seed ${seed}: ${JSON.stringify(!result.ok && result.issues)}`).to.equal(true);
      }
    }
  });

  it('an untyped (any JSON) field without examples gets a JSON value, never the schema’s own annotations', () => {
    const schema = { type: 'object', properties: { anything: { description: 'free-form' } }, required: ['anything'] };
    for (const seed of SEEDS) expect(samplePayload(schema, { seed }).anything).to.deep.equal({});
  });
});
