import { expect } from 'chai';
import { allModules } from '../../domains';
import { catalogFor, registryFor } from '../../lib/runtime/event-runtime';
import { ClassValidatorValidator } from '../../lib/schema/class-validator-validator';
import { SchemaRegistry } from '../../lib/schema/registry';
import { samplePayload } from '../../lib/schema/sample-payload';
import { ajvFor } from './support/ajv';
import { everyFieldDefinition, everyFieldRegistry } from './support/every-field';

/**
 * The project's validator and the exported JSON Schema (under ajv) must agree: on generated
 * samples, on samples missing a required field, and on edge values of every field type.
 */
function agreementSuite(title: string, makeRegistry: () => SchemaRegistry): void {
  describe(title, () => {
    const registry = makeRegistry();
    const validator = new ClassValidatorValidator(registry);
    const ajv = ajvFor(registry);
    const verdicts = (ref: string, payload: unknown) => {
      const ours = validator.validate(ref, payload);
      const theirs = ajv(ref);
      const ok = theirs(payload);
      return { validator: ours.ok, ajv: ok, detail: ours.ok ? theirs.errors : ours.issues };
    };

    it('has events to check', () => expect(registry.all()).to.not.be.empty);

    for (const def of registry.all()) {
      describe(def.schemaRef, () => {
        const schema = () => registry.jsonSchema(def.schemaRef)!;

        it('generated samples pass the validator and ajv', () => {
          for (const seed of [1, 2, 3, 4, 5]) {
            const sample = samplePayload(schema(), { seed });
            const v = verdicts(def.schemaRef, sample);
            expect({ seed, ...v, sample }).to.deep.include({ validator: true, ajv: true });
          }
        });

        it('a sample missing any one required field fails both', () => {
          const sample = samplePayload(schema(), { seed: 7 });
          const required: string[] = schema().required ?? [];
          expect(required).to.include.members(['tenantId', 'occurredAt']);
          for (const field of required) {
            const { [field]: _removed, ...rest } = sample;
            expect({ field, ...verdicts(def.schemaRef, rest) }).to.deep.include({ validator: false, ajv: false });
          }
        });
      });
    }
  });
}

agreementSuite('tooling: sample payloads agree with validator and JSON Schema (every registered event)', () => registryFor(allModules));
agreementSuite('tooling: sample payloads agree with validator and JSON Schema (every field decorator)', everyFieldRegistry);

describe('tooling: validator and JSON Schema agree on edge values of every field type', () => {
  const registry = everyFieldRegistry();
  const validator = new ClassValidatorValidator(registry);
  const ajv = ajvFor(registry)(everyFieldDefinition.schemaRef);
  const base = samplePayload(registry.jsonSchema(everyFieldDefinition.schemaRef)!, { seed: 11 });
  const probes: Record<string, unknown[]> = {
    uuid: [
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '0F8FAD5B-D9CB-469F-A165-70867728950E',
      'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e',
      '0f8fad5b-d9cb-069f-a165-70867728950e',
      '0f8fad5b-d9cb-469f-c165-70867728950e',
      '00000000-0000-0000-0000-000000000000',
      '0f8fad5bd9cb469fa16570867728950e',
      '',
      42,
    ],
    uuids: [[], ['0f8fad5b-d9cb-469f-a165-70867728950e'], ['urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e'], 'x'],
    dateTime: [
      '2026-01-31T12:00:00Z',
      '2026-01-31T12:00:00.123456789+02:00',
      '2026-01-31t12:00:00z',
      '2026-01-31 12:00:00Z',
      '2026-01-31T12:00:00+0200',
      '2026-01-31T12:00:00',
      '2026-02-30T12:00:00Z',
      '2024-02-29T00:00:00Z',
      '2026-01-31T24:00:00Z',
      '2026-12-31T23:59:60Z',
      '2026-01-31T12:00:00.1234567890Z',
      '2026-01-31',
    ],
    date: ['2026-01-31', '2024-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-1-31', '2026-01-31T00:00:00Z'],
    email: ['ada@example.com', 'ada.lovelace+tag@mail.example.org', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com'],
    emails: [['ada@example.com'], ['nope'], []],
    count: [0, 7, -1, 1.5, '3'],
    amount: [0, -1500, 12.5, '100'],
    ratio: [0, -1.25, '1'],
    currency: ['USD', 'EUR', 'usd', 'QXZ', 'US', 'USDD'],
    level: ['low', 'LOW', 'medium'],
    flag: [true, false, 'true', 0],
    text: ['', 'x', 1],
    texts: [[], ['a'], [1]],
    updatedFields: [['status', 'contact.email'], ['Status'], ['1status'], ['a..b'], 'status'],
    changes: [
      {},
      { status: { previous: 'open', new: 'closed' } },
      { 'contact.email': { previous: null, new: 'a@example.com' } },
      { status: { previous: 'open' } },
      { status: { previous: 'open', new: 'closed', at: 1 } },
      { 'bad key': { previous: 1, new: 2 } },
      { status: null },
      [],
    ],
    anything: [null, 0, 'x', [1], { a: 1 }],
    object: [{}, { a: 1 }, [], null, 'x'],
    from: [{ email: 'ada@example.com' }, { email: 'ada@example.com', name: 'Ada' }, { name: 'Ada' }, { email: 'ada@example.com', extra: 1 }, null, []],
    cc: [[{ email: 'ada@example.com' }], [], [null], [{ email: 'nope' }]],
    to: [[], [{ email: 'ada@example.com' }], null],
  };

  for (const [field, values] of Object.entries(probes)) {
    it(`${field}`, () => {
      for (const value of values) {
        const payload = { ...base, [field]: value };
        const ours = validator.validate(everyFieldDefinition.schemaRef, payload).ok;
        const theirs = ajv(payload);
        expect({ field, value, validator: ours }).to.deep.equal({ field, value, validator: theirs });
      }
    });
  }

  it('an absent optional field and an absent required JSON field', () => {
    const { anythingOpt: _a, ...withoutOptional } = base;
    const { anything: _b, ...withoutRequired } = base;
    expect(validator.validate(everyFieldDefinition.schemaRef, withoutOptional).ok).to.equal(true);
    expect(ajv(withoutOptional)).to.equal(true);
    expect(validator.validate(everyFieldDefinition.schemaRef, withoutRequired).ok).to.equal(false);
    expect(ajv(withoutRequired)).to.equal(false);
  });
});
