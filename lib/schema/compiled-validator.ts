import Ajv, { ValidateFunction } from 'ajv';
import { FIELD_FORMATS, SHARED_DEFINITIONS } from '../../decorators/fields';
import { ClassValidatorValidator } from './class-validator-validator';
import { UnknownSchemaRefError } from './errors';
import { isFreeOfForbiddenContent } from './forbidden-keys';
import { SchemaRegistry } from './registry';
import { ValidationResult, Validator } from './validator';

/**
 * Fast path: ajv compiled from the registry's JSON Schema (one function per ref, built on first
 * use). It only decides; class-validator stays the reference. Every refusal is handed to it for the
 * typed issues, and if it accepts what ajv refused, its verdict wins and the disagreement is counted.
 */
export class CompiledValidator implements Validator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly reference: ClassValidatorValidator;
  /** ajv refused, class-validator accepted: a schema that is stricter than the runtime check. */
  readonly disagreements = new Map<string, number>();

  constructor(
    private readonly registry: SchemaRegistry,
    reference?: ClassValidatorValidator,
  ) {
    this.reference = reference ?? new ClassValidatorValidator(registry);
    // strict: an unknown keyword or format is a compile error, not a silently ignored constraint.
    this.ajv = new Ajv({ strict: true, allErrors: false });
    // Formats are the decorators' own runtime checks, never ajv-formats' (which differ on edges).
    for (const [name, check] of Object.entries(FIELD_FORMATS)) this.ajv.addFormat(name, { type: 'string', validate: remembered(check) });
  }

  /** Total of `disagreements`; 0 while schema and decorators agree. */
  get disagreementCount(): number {
    let n = 0;
    for (const count of this.disagreements.values()) n += count;
    return n;
  }

  validate(schemaRef: string, payload: unknown): ValidationResult {
    const check = this.compile(schemaRef);
    if (payload !== null && typeof payload === 'object' && !Array.isArray(payload) && isFreeOfForbiddenContent(payload) && check(payload)) {
      return { ok: true, value: payload as Record<string, unknown> };
    }
    const verdict = this.reference.validate(schemaRef, payload);
    if (verdict.ok) this.disagreements.set(schemaRef, (this.disagreements.get(schemaRef) ?? 0) + 1);
    return verdict;
  }

  private compile(schemaRef: string): ValidateFunction {
    let fn = this.compiled.get(schemaRef);
    if (!fn) {
      const schema = this.registry.jsonSchema(schemaRef);
      if (!schema) throw new UnknownSchemaRefError(schemaRef);
      fn = this.ajv.compile(withoutImpliedPatterns(schema));
      this.compiled.set(schemaRef, fn);
    }
    return fn;
  }
}

/**
 * Format → the pattern the field decorators emit beside it. Each format's check (FIELD_FORMATS)
 * accepts no more than its pattern (uuid: the same language; date-time: the pattern plus a real
 * calendar day), so checking both tests every id and time twice. The exported schema keeps the
 * pattern for other validators; the compiled one checks the format alone.
 */
const IMPLIED_PATTERNS: Readonly<Record<string, unknown>> = {
  uuid: SHARED_DEFINITIONS.uuid.pattern,
  'date-time': SHARED_DEFINITIONS.dateTime.pattern,
};

function withoutImpliedPatterns(node: unknown): any {
  if (Array.isArray(node)) return node.map(withoutImpliedPatterns);
  if (node === null || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  const implied = typeof src.format === 'string' && src.pattern !== undefined && IMPLIED_PATTERNS[src.format] === src.pattern;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (implied && k === 'pattern') continue;
    out[k] = k === 'enum' || k === 'const' || k === 'examples' || k === 'default' ? v : withoutImpliedPatterns(v);
  }
  return out;
}

/**
 * A format check that remembers the last few strings it accepted: the tenant, the actor and the
 * time of a burst of events are the same strings event after event (often the very same object, so
 * the comparison is a pointer check). The checks are pure functions of the string.
 */
function remembered(check: (v: string) => boolean): (v: string) => boolean {
  const seen: string[] = ['', '', '', ''];
  let next = 0;
  return (v: string) => {
    if (v === seen[0] || v === seen[1] || v === seen[2] || v === seen[3]) return v !== '' || check(v);
    if (!check(v)) return false;
    seen[next] = v;
    next = (next + 1) & 3;
    return true;
  };
}
