import { expect } from 'chai';
import { allModules } from '../../domains';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { ClassValidatorValidator } from '../../lib/schema/class-validator-validator';
import { CompiledValidator } from '../../lib/schema/compiled-validator';
import { UnknownSchemaRefError } from '../../lib/schema/errors';
import { SchemaRegistry } from '../../lib/schema/registry';
import { samplePayload } from '../../lib/schema/sample-payload';
import { everyFieldRegistry } from '../tooling/support/every-field';
import { mutate, Mutation } from './support/mutations';

const SEEDS = [1, 2, 3];

/** Shown in a failure: plain JSON would hide undefined and print NaN/Infinity as null. */
const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x === undefined ? '<undefined>' : typeof x === 'number' && !Number.isFinite(x) ? `<${x}>` : x)) ?? '<undefined>';

/**
 * Differential test: the compiled validator must give the reference's verdict (and, on refusal,
 * its exact issues) for every single-point mutation of valid samples of every registered ref,
 * and ajv must never refuse what class-validator accepts (the fallback would hide that drift).
 */
function differential(title: string, makeRegistry: () => SchemaRegistry): void {
  describe(title, () => {
    const registry = makeRegistry();
    const reference = new ClassValidatorValidator(registry);
    const compiled = new CompiledValidator(registry);
    let total = 0;

    it('has refs to check', () => expect(registry.all()).to.not.be.empty);

    for (const def of registry.all()) {
      const schema = registry.jsonSchema(def.schemaRef)!;
      const cases: Mutation[] = SEEDS.flatMap((seed) => {
        const sample = samplePayload(schema, { seed, now: new Date('2026-01-31T12:00:00Z') });
        return [{ path: '', label: `sample seed ${seed}`, payload: sample }, ...mutate(schema, sample)];
      });
      total += cases.length;

      it(`${def.schemaRef}: ${cases.length} mutations, same verdict and issues`, () => {
        const before = compiled.disagreementCount;
        const differ: string[] = [];
        for (const c of cases) {
          const counted = compiled.disagreementCount;
          const want = reference.validate(def.schemaRef, c.payload);
          const got = compiled.validate(def.schemaRef, c.payload);
          const ajvRefused = !got.ok || compiled.disagreementCount > counted;
          const sameIssues = want.ok || (!got.ok && JSON.stringify(want.issues) === JSON.stringify(got.issues));
          if (want.ok === ajvRefused || want.ok !== got.ok || !sameIssues) {
            differ.push(`${c.path || '(root)'} [${c.label}] ${show(pick(c.payload, c.path))}: reference ${want.ok ? 'accepts' : 'refuses'}, ajv ${ajvRefused ? 'refuses' : 'accepts'}`);
          }
        }
        expect(differ, differ.slice(0, 20).join('\n')).to.deep.equal([]);
        expect(compiled.disagreementCount).to.equal(before);
      });
    }

    after(() => console.log(`      (${registry.all().length} refs, ${total} payloads)`));
  });
}

/** The mutated value at `path`, so a failure shows the value rather than the whole payload. */
function pick(payload: unknown, path: string): unknown {
  if (!path) return payload;
  let v: any = payload;
  for (const k of path.split('.')) v = v?.[k];
  return v;
}

differential('schema: compiled validator agrees with class-validator (every registered event)', () => registryFor(allModules));
differential('schema: compiled validator agrees with class-validator (every field decorator)', everyFieldRegistry);

describe('schema: compiled validator', () => {
  const registry = everyFieldRegistry();
  const ref = registry.all()[0].schemaRef;
  const sample = samplePayload(registry.jsonSchema(ref)!, { seed: 5 });

  it('accepts a valid payload and returns it as the value', () => {
    const result = new CompiledValidator(registry).validate(ref, sample);
    expect(result).to.deep.equal({ ok: true, value: sample });
  });

  it('refuses prototype keys before compiling anything into the payload', () => {
    const payload = Object.assign(JSON.parse('{"__proto__": {"x": 1}}'), sample);
    const result = new CompiledValidator(registry).validate(ref, payload);
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.issues).to.deep.equal([{ field: '__proto__', constraint: 'forbiddenKey', message: 'key "__proto__" is not allowed in a payload' }]);
  });

  it('an unknown ref throws like the reference', () => {
    expect(() => new CompiledValidator(registry).validate('payload.Nope.v1', sample)).to.throw(UnknownSchemaRefError);
  });

  it('both refuse what JSON cannot carry as given: undefined pair values, undefined or array items of a nested array', () => {
    const reference = new ClassValidatorValidator(registry);
    const compiled = new CompiledValidator(registry);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ changes: { status: { previous: 'open', new: undefined } } }, 'isChanges'],
      [{ to: [sample.from, undefined] }, 'isArrayOfObjects'],
      [{ cc: [[sample.from]] }, 'isArrayOfObjects'],
    ];
    for (const [change, constraint] of cases) {
      const payload = { ...sample, ...change };
      const want = reference.validate(ref, payload);
      expect(want.ok, show(change)).to.equal(false);
      expect(!want.ok && want.issues.map((i) => i.constraint)).to.include(constraint);
      expect(compiled.validate(ref, payload)).to.deep.equal(want);
    }
    expect(compiled.disagreementCount).to.equal(0);
  });

  it('when ajv refuses what class-validator accepts, the reference wins and the disagreement is counted', () => {
    const strict = new SchemaRegistry(registry.all());
    const schema = strict.jsonSchema(ref)!;
    schema.properties.text = { ...schema.properties.text, minLength: 1000 };
    const validator = new CompiledValidator(strict);
    expect(validator.validate(ref, sample)).to.deep.equal({ ok: true, value: sample });
    expect(validator.disagreementCount).to.equal(1);
    expect([...validator.disagreements]).to.deep.equal([[ref, 1]]);
  });
});
