import Ajv, { ValidateFunction } from 'ajv';
import { FIELD_FORMATS } from '../../decorators/fields';
import { ClassValidatorValidator } from './class-validator-validator';
import { UnknownSchemaRefError } from './errors';
import { findForbiddenKeys } from './forbidden-keys';
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
    for (const [name, check] of Object.entries(FIELD_FORMATS)) this.ajv.addFormat(name, { type: 'string', validate: check });
  }

  /** Total of `disagreements`; 0 while schema and decorators agree. */
  get disagreementCount(): number {
    let n = 0;
    for (const count of this.disagreements.values()) n += count;
    return n;
  }

  validate(schemaRef: string, payload: unknown): ValidationResult {
    const check = this.compile(schemaRef);
    if (payload !== null && typeof payload === 'object' && !Array.isArray(payload) && findForbiddenKeys(payload).length === 0 && check(payload)) {
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
      fn = this.ajv.compile(schema);
      this.compiled.set(schemaRef, fn);
    }
    return fn;
  }
}
